namespace ConvexKit.Client;

/// <summary>One out-of-range option: its property, its value and the rule it breaks.</summary>
/// <param name="Property">The property's name, such as <c>MaxReconnectDelay</c>.</param>
/// <param name="Value">The value it holds.</param>
/// <param name="Rule">What the value must be, such as <c>must not be negative</c>.</param>
internal readonly record struct OptionViolation(string Property, TimeSpan Value, string Rule)
{
    /// <summary>The one sentence both the constructors and the host's start-up check use.</summary>
    /// <param name="subject">What holds the value: a property (<c>ConvexClientOptions.Timeout</c>) or a configuration key.</param>
    /// <returns><c>{subject} is {value}, but {rule}.</c></returns>
    public string Describe(string subject) => $"{subject} is {Value}, but {Rule}.";
}
