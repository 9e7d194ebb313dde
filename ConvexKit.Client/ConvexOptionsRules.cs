using ConvexKit.Client.Http;

namespace ConvexKit.Client;

/// <summary>
/// The allowed ranges of <see cref="ConvexClientOptions"/> and <see cref="ConvexHttpClientOptions"/>, written once: the
/// clients' constructors enforce them, and ConvexKit.Client.Hosting checks them when the host starts, so that its
/// message can name the configuration key that holds a bad value. Every bad value is reported, not just the first.
/// </summary>
internal static class ConvexOptionsRules
{
    /// <summary>The longest delay a timer or <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> accepts.</summary>
    private static readonly TimeSpan s_longest = TimeSpan.FromMilliseconds(int.MaxValue);

    private static readonly string s_positive = $"must be positive and at most {s_longest}";

    private static readonly string s_positiveOrInfinite = $"{s_positive}, or {Timeout.InfiniteTimeSpan} for no limit";

    /// <summary>Checks every option of the WebSocket client.</summary>
    /// <param name="options">The options to check.</param>
    /// <returns>The out-of-range values; empty when all are fine.</returns>
    public static List<OptionViolation> Check(ConvexClientOptions options)
    {
        var violations = new List<OptionViolation>();
        CheckTimeout(violations, nameof(options.Timeout), options.Timeout, allowInfinite: true);
        CheckTimeout(violations, nameof(options.ActionTimeout), options.ActionTimeout, allowInfinite: true);
        CheckTimeout(violations, nameof(options.ConnectTimeout), options.ConnectTimeout, allowInfinite: false);
        CheckTimeout(violations, nameof(options.ServerInactivityTimeout), options.ServerInactivityTimeout, allowInfinite: false);
        CheckTimeout(violations, nameof(options.MaxReconnectDelay), options.MaxReconnectDelay, allowInfinite: false);
        if (options.AuthRefreshLeeway < TimeSpan.Zero)
        {
            violations.Add(new(nameof(options.AuthRefreshLeeway), options.AuthRefreshLeeway, "must not be negative"));
        }

        return violations;
    }

    /// <summary>Checks every option of the HTTP client.</summary>
    /// <param name="options">The options to check.</param>
    /// <returns>The out-of-range values; empty when all are fine.</returns>
    public static List<OptionViolation> Check(ConvexHttpClientOptions options)
    {
        var violations = new List<OptionViolation>();
        CheckTimeout(violations, nameof(options.Timeout), options.Timeout, allowInfinite: true);
        CheckTimeout(violations, nameof(options.ActionTimeout), options.ActionTimeout, allowInfinite: true);
        return violations;
    }

    /// <summary>What a constructor throws when <paramref name="violations"/> is not empty.</summary>
    /// <param name="violations">The result of <c>Check</c>.</param>
    /// <param name="typeName">The options type's name, which prefixes each property.</param>
    /// <exception cref="ArgumentOutOfRangeException">At least one value is out of range; the message names them all.</exception>
    public static void ThrowIfAny(List<OptionViolation> violations, string typeName)
    {
        if (violations.Count > 0)
        {
            var message = string.Join(" ", violations.Select(v => v.Describe($"{typeName}.{v.Property}")));
            throw new ArgumentOutOfRangeException("options", message);
        }
    }

    private static void CheckTimeout(List<OptionViolation> violations, string property, TimeSpan value, bool allowInfinite)
    {
        if (!((allowInfinite && value == Timeout.InfiniteTimeSpan) || (value > TimeSpan.Zero && value <= s_longest)))
        {
            violations.Add(new(property, value, allowInfinite ? s_positiveOrInfinite : s_positive));
        }
    }
}
