using System.Globalization;
using ConvexKit.Client.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ConvexKit.Client.Hosting;

/// <summary>
/// Checks one connection's client options with the rules the clients' constructors enforce
/// (<see cref="ConvexOptionsRules"/>), so that a bad value stops the host at start rather than at the first
/// resolution, and says where the value came from: the configuration key that holds it, or code (the delegate, or
/// <c>services.Configure</c>).
/// </summary>
internal sealed class ConvexClientOptionsValidator(IConfiguration configuration, string connectionName, string optionsName)
    : IValidateOptions<ConvexClientOptions>, IValidateOptions<ConvexHttpClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ConvexClientOptions options) =>
        Validate(name, ConvexOptionsRules.Check(options), new(ConvexClientConfiguration.ClientOptionsSection, nameof(ConvexClientOptions), "configureClientOptions"));

    public ValidateOptionsResult Validate(string? name, ConvexHttpClientOptions options) =>
        Validate(name, ConvexOptionsRules.Check(options), new(ConvexClientConfiguration.HttpClientOptionsSection, nameof(ConvexHttpClientOptions), "configureHttpClientOptions"));

    private ValidateOptionsResult Validate(string? name, List<OptionViolation> violations, Source source)
    {
        if ((name ?? Options.DefaultName) != optionsName)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new ValidateOptionsResultBuilder();
        foreach (var violation in violations)
        {
            failures.AddError($"The Convex client '{connectionName}': {violation.Describe(Subject(source, violation))}");
        }

        return failures.Build();
    }

    /// <summary>Where an option's value came from: the key that configuration alone gives it, or else code.</summary>
    private string Subject(Source source, OptionViolation violation)
    {
        var named = $"{ConvexClientConfiguration.SectionName}:{connectionName}:{source.SubSection}:{violation.Property}";
        var shared = $"{ConvexClientConfiguration.SectionName}:{source.SubSection}:{violation.Property}";
        var key = configuration[named] is not null ? named : configuration[shared] is not null ? shared : null;

        // The named key wins over the shared one in binding; if what it holds is not the value, code changed it afterwards.
        return key is not null && TimeSpan.TryParse(configuration[key], CultureInfo.InvariantCulture, out var bound) && bound == violation.Value
            ? $"'{key}'"
            : $"{source.TypeName}.{violation.Property} (set in code: {source.DelegateName} or services.Configure<{source.TypeName}>; " +
              $"its configuration keys are '{shared}' and '{named}')";
    }

    /// <summary>Which options type is checked: its sub-section, its name, and the delegate that sets it in code.</summary>
    private readonly record struct Source(string SubSection, string TypeName, string DelegateName);
}
