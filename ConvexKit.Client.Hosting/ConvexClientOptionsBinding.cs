using ConvexKit.Client.Http;
using Microsoft.Extensions.Configuration;

namespace ConvexKit.Client.Hosting;

/// <summary>
/// The members of <see cref="ConvexClientOptions"/> that configuration sets. The options themselves cannot be bound:
/// they also carry a logger factory, a service, which the configuration binder generator refuses (SYSLIB1100/1101,
/// which neither <c>#pragma</c> nor <c>.editorconfig</c> silences). Only keys present in the section change a value.
/// </summary>
internal sealed class ConvexClientOptionsBinding
{
    public TimeSpan? Timeout { get; set; }

    public TimeSpan? ActionTimeout { get; set; }

    public TimeSpan? ConnectTimeout { get; set; }

    public TimeSpan? ServerInactivityTimeout { get; set; }

    public TimeSpan? MaxReconnectDelay { get; set; }

    public TimeSpan? AuthRefreshLeeway { get; set; }

    /// <exception cref="InvalidOperationException">A value is not a time span; the message names its key.</exception>
    public static void Bind(IConfiguration section, ConvexClientOptions options)
    {
        var values = new ConvexClientOptionsBinding();
        section.Bind(values);
        options.Timeout = values.Timeout ?? options.Timeout;
        options.ActionTimeout = values.ActionTimeout ?? options.ActionTimeout;
        options.ConnectTimeout = values.ConnectTimeout ?? options.ConnectTimeout;
        options.ServerInactivityTimeout = values.ServerInactivityTimeout ?? options.ServerInactivityTimeout;
        options.MaxReconnectDelay = values.MaxReconnectDelay ?? options.MaxReconnectDelay;
        options.AuthRefreshLeeway = values.AuthRefreshLeeway ?? options.AuthRefreshLeeway;
    }
}

/// <summary>The members of <see cref="ConvexHttpClientOptions"/> that configuration sets (see <see cref="ConvexClientOptionsBinding"/>).</summary>
internal sealed class ConvexHttpClientOptionsBinding
{
    public TimeSpan? Timeout { get; set; }

    public TimeSpan? ActionTimeout { get; set; }

    /// <exception cref="InvalidOperationException">A value is not a time span; the message names its key.</exception>
    public static void Bind(IConfiguration section, ConvexHttpClientOptions options)
    {
        var values = new ConvexHttpClientOptionsBinding();
        section.Bind(values);
        options.Timeout = values.Timeout ?? options.Timeout;
        options.ActionTimeout = values.ActionTimeout ?? options.ActionTimeout;
    }
}
