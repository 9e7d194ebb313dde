using System.Globalization;
using ConvexKit.Client.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ConvexKit.Client.Hosting;

/// <summary>
/// Checks one connection's client options with the rules the clients' constructors enforce, so that a bad value stops
/// the host at start rather than at the first resolution, and says where the value came from: the configuration key
/// that holds it, or code (the delegate, or <c>services.Configure</c>).
/// </summary>
internal sealed class ConvexClientOptionsValidator(IConfiguration configuration, string connectionName, string optionsName)
    : IValidateOptions<ConvexClientOptions>, IValidateOptions<ConvexHttpClientOptions>
{
    private static readonly TimeSpan s_longest = TimeSpan.FromMilliseconds(int.MaxValue);

    public ValidateOptionsResult Validate(string? name, ConvexClientOptions options)
    {
        if ((name ?? Options.DefaultName) != optionsName)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new ValidateOptionsResultBuilder();
        var source = new Source(ConvexClientConfiguration.ClientOptionsSection, nameof(ConvexClientOptions), "configureClientOptions");
        CheckTimeout(failures, source, nameof(options.Timeout), options.Timeout, allowInfinite: true);
        CheckTimeout(failures, source, nameof(options.ActionTimeout), options.ActionTimeout, allowInfinite: true);
        CheckTimeout(failures, source, nameof(options.ConnectTimeout), options.ConnectTimeout, allowInfinite: false);
        CheckTimeout(failures, source, nameof(options.ServerInactivityTimeout), options.ServerInactivityTimeout, allowInfinite: false);
        CheckTimeout(failures, source, nameof(options.MaxReconnectDelay), options.MaxReconnectDelay, allowInfinite: false);
        if (options.AuthRefreshLeeway < TimeSpan.Zero)
        {
            failures.AddError(Message(source, nameof(options.AuthRefreshLeeway), options.AuthRefreshLeeway, "must not be negative"));
        }

        return failures.Build();
    }

    public ValidateOptionsResult Validate(string? name, ConvexHttpClientOptions options)
    {
        if ((name ?? Options.DefaultName) != optionsName)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new ValidateOptionsResultBuilder();
        var source = new Source(ConvexClientConfiguration.HttpClientOptionsSection, nameof(ConvexHttpClientOptions), "configureHttpClientOptions");
        CheckTimeout(failures, source, nameof(options.Timeout), options.Timeout, allowInfinite: true);
        CheckTimeout(failures, source, nameof(options.ActionTimeout), options.ActionTimeout, allowInfinite: true);
        return failures.Build();
    }

    private void CheckTimeout(ValidateOptionsResultBuilder failures, Source source, string property, TimeSpan value, bool allowInfinite)
    {
        if ((allowInfinite && value == Timeout.InfiniteTimeSpan) || (value > TimeSpan.Zero && value <= s_longest))
        {
            return;
        }

        var rule = allowInfinite
            ? $"must be positive and at most {s_longest}, or {Timeout.InfiniteTimeSpan} for no limit"
            : $"must be positive and at most {s_longest}";
        failures.AddError(Message(source, property, value, rule));
    }

    private string Message(Source source, string property, TimeSpan value, string rule) =>
        $"The Convex client '{connectionName}': {Describe(source, property, value)} is {value}, but {rule}.";

    /// <summary>Where an option's value came from: the key that configuration alone gives it, or else code.</summary>
    private string Describe(Source source, string property, TimeSpan value)
    {
        var named = $"{ConvexClientConfiguration.SectionName}:{connectionName}:{source.SubSection}:{property}";
        var shared = $"{ConvexClientConfiguration.SectionName}:{source.SubSection}:{property}";
        var key = configuration[named] is not null ? named : configuration[shared] is not null ? shared : null;

        // The named key wins over the shared one in binding; if what it holds is not the value, code changed it afterwards.
        return key is not null && TimeSpan.TryParse(configuration[key], CultureInfo.InvariantCulture, out var bound) && bound == value
            ? $"'{key}'"
            : $"{source.TypeName}.{property} (set in code: {source.DelegateName} or services.Configure<{source.TypeName}>; " +
              $"its configuration keys are '{shared}' and '{named}')";
    }

    /// <summary>Which options type is checked: its sub-section, its name, and the delegate that sets it in code.</summary>
    private readonly record struct Source(string SubSection, string TypeName, string DelegateName);
}
