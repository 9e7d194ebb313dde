using ConvexKit.Client.Hosting;
using ConvexKit.Client.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ConvexKit.Client.Tests.Hosting;

/// <summary>
/// The integration's start-up check of the options repeats the clients' own rules, so that a bad value stops the host
/// instead of the first resolution. These tests hold the two to the same verdict on every option at the edges.
/// </summary>
public sealed class ClientOptionsValidatorUnitTests
{
    private static readonly ConvexClientOptionsValidator s_validator = new(new ConfigurationBuilder().Build(), "convex", Options.DefaultName);

    public static TheoryData<TimeSpan> Edges =>
    [
        TimeSpan.MinValue,
        TimeSpan.FromDays(-1),
        TimeSpan.FromMilliseconds(-2),
        Timeout.InfiniteTimeSpan,
        TimeSpan.FromTicks(-1),
        TimeSpan.Zero,
        TimeSpan.FromTicks(1),
        TimeSpan.FromSeconds(16),
        TimeSpan.FromMilliseconds(int.MaxValue),
        TimeSpan.FromMilliseconds(int.MaxValue) + TimeSpan.FromTicks(1),
        TimeSpan.MaxValue,
    ];

    [Theory]
    [MemberData(nameof(Edges))]
    public void TheValidatorAcceptsExactlyWhatTheWebSocketClientAccepts(TimeSpan value)
    {
        foreach (var property in ClientOptionsConfigurationTests.ConfigurableMembers(typeof(ConvexClientOptions)))
        {
            var options = new ConvexClientOptions();
            property.SetValue(options, value);

            var clientAccepts = Accepts(() => options.Validated());
            var validatorAccepts = s_validator.Validate(Options.DefaultName, options).Succeeded;

            Assert.True(clientAccepts == validatorAccepts, $"{property.Name} = {value}: the client accepts it: {clientAccepts}; the validator: {validatorAccepts}.");
        }
    }

    [Theory]
    [MemberData(nameof(Edges))]
    public void TheValidatorAcceptsExactlyWhatTheHttpClientAccepts(TimeSpan value)
    {
        foreach (var property in ClientOptionsConfigurationTests.ConfigurableMembers(typeof(ConvexHttpClientOptions)))
        {
            var options = new ConvexHttpClientOptions();
            property.SetValue(options, value);

            var clientAccepts = Accepts(() =>
            {
                using var http = new HttpClient();
                using var client = new ConvexHttpClient(http, new Uri("http://127.0.0.1:1001/"), options);
            });
            var validatorAccepts = s_validator.Validate(Options.DefaultName, options).Succeeded;

            Assert.True(clientAccepts == validatorAccepts, $"{property.Name} = {value}: the client accepts it: {clientAccepts}; the validator: {validatorAccepts}.");
        }
    }

    [Fact]
    public void OptionsOfOtherClientsAreLeftToTheirOwnValidator()
    {
        var bad = new ConvexClientOptions { MaxReconnectDelay = TimeSpan.Zero };

        Assert.True(s_validator.Validate("audit", bad).Skipped);
        Assert.True(s_validator.Validate(Options.DefaultName, bad).Failed);
    }

    [Fact]
    public void EveryBadValueIsReportedAtOnce()
    {
        var options = new ConvexClientOptions { Timeout = TimeSpan.Zero, MaxReconnectDelay = TimeSpan.Zero, AuthRefreshLeeway = TimeSpan.FromSeconds(-1) };

        var result = s_validator.Validate(Options.DefaultName, options);

        Assert.Equal(3, result.Failures!.Count());
    }

    private static bool Accepts(Action construct)
    {
        try
        {
            construct();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
