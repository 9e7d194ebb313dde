using System.Globalization;
using ConvexKit.Client.Hosting;
using ConvexKit.Client.Http;
using ConvexKit.Client.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ConvexKit.Client.Tests.Hosting;

/// <summary>
/// One set of rules serves the clients' constructors and the host's start-up check: both must give the same verdict on
/// every option at the edges, and reject a bad value with the same sentence (the host's naming the key instead of the
/// property).
/// </summary>
public sealed class ClientOptionsValidationTests
{
    private const string Url = "http://127.0.0.1:1001/";

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

    /// <summary>Every bad value of every option, as a configuration sub-section, a property and a value.</summary>
    public static TheoryData<string, string, TimeSpan> BadValues
    {
        get
        {
            var data = new TheoryData<string, string, TimeSpan>();
            foreach (var (section, type) in new[] { ("ClientOptions", typeof(ConvexClientOptions)), ("HttpClientOptions", typeof(ConvexHttpClientOptions)) })
            {
                foreach (var property in ClientOptionsConfigurationTests.ConfigurableMembers(type))
                {
                    foreach (var value in new[] { TimeSpan.FromDays(-1), TimeSpan.FromTicks(-1), TimeSpan.Zero, TimeSpan.FromDays(30) })
                    {
                        var options = Activator.CreateInstance(type)!;
                        property.SetValue(options, value);
                        if (ConstructorError(options) is not null)
                        {
                            data.Add(section, property.Name, value);
                        }
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Edges))]
    public void TheHostAcceptsExactlyWhatEachClientAccepts(TimeSpan value)
    {
        foreach (var type in new[] { typeof(ConvexClientOptions), typeof(ConvexHttpClientOptions) })
        {
            foreach (var property in ClientOptionsConfigurationTests.ConfigurableMembers(type))
            {
                var options = Activator.CreateInstance(type)!;
                property.SetValue(options, value);

                var clientAccepts = ConstructorError(options) is null;
                var hostAccepts = (options is ConvexClientOptions client
                    ? s_validator.Validate(Options.DefaultName, client)
                    : s_validator.Validate(Options.DefaultName, (ConvexHttpClientOptions)options)).Succeeded;

                Assert.True(clientAccepts == hostAccepts, $"{type.Name}.{property.Name} = {value}: the client accepts it: {clientAccepts}; the host: {hostAccepts}.");
            }
        }
    }

    // The constructor says "ConvexClientOptions.Timeout is …, but …"; the host "'Aspire:…:Timeout' is …, but …".
    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task TheConstructorAndTheHostRejectABadValueWithTheSameSentence(string section, string property, TimeSpan value)
    {
        var key = $"Aspire:Convex:Client:{section}:{property}";
        var builder = TestHost.Builder(("ConnectionStrings:convex", Url), (key, value.ToString("c", CultureInfo.InvariantCulture)));
        builder.AddConvexClient("convex");
        using var host = builder.Build();
        var hostError = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct));

        var options = section == "ClientOptions" ? (object)new ConvexClientOptions() : new ConvexHttpClientOptions();
        options.GetType().GetProperty(property)!.SetValue(options, value);
        var constructorError = ConstructorError(options)!;

        var subject = $"{options.GetType().Name}.{property}";
        Assert.StartsWith(subject + " is ", constructorError.Message, StringComparison.Ordinal);
        Assert.Equal("options", constructorError.ParamName);
        var sentence = constructorError.Message[subject.Length..constructorError.Message.IndexOf(" (Parameter 'options')", StringComparison.Ordinal)];
        Assert.Equal($"The Convex client 'convex': '{key}'{sentence}", hostError.Message);
    }

    [Fact]
    public void TheConstructorNamesEveryBadValueAtOnce()
    {
        var options = new ConvexClientOptions { Timeout = TimeSpan.Zero, MaxReconnectDelay = TimeSpan.Zero, AuthRefreshLeeway = TimeSpan.FromSeconds(-1) };

        var error = ConstructorError(options)!;

        Assert.StartsWith(
            "ConvexClientOptions.Timeout is 00:00:00, but must be positive and at most 24.20:31:23.6470000, or -00:00:00.0010000 for no limit. " +
            "ConvexClientOptions.MaxReconnectDelay is 00:00:00, but must be positive and at most 24.20:31:23.6470000. " +
            "ConvexClientOptions.AuthRefreshLeeway is -00:00:01, but must not be negative.",
            error.Message,
            StringComparison.Ordinal);
        Assert.Equal(3, s_validator.Validate(Options.DefaultName, options).Failures!.Count());
    }

    [Fact]
    public void OptionsOfOtherClientsAreLeftToTheirOwnValidator()
    {
        var bad = new ConvexClientOptions { MaxReconnectDelay = TimeSpan.Zero };

        Assert.True(s_validator.Validate("audit", bad).Skipped);
        Assert.True(s_validator.Validate(Options.DefaultName, bad).Failed);
    }

    [Fact]
    public async Task TheClientKeepsACopySoALaterChangeCannotBypassTheCheck()
    {
        var options = new ConvexClientOptions { Timeout = TimeSpan.FromMilliseconds(300) };
        var transport = new InMemorySyncTransport { Hold = true };
        await using var client = new ConvexClient(new Uri(Url), options, transport);

        options.Timeout = Timeout.InfiniteTimeSpan;

        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.QueryAsync("counter:all", cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Contains("00:00:00.3", error.Message, StringComparison.Ordinal);
    }

    /// <summary>What the client's constructor throws for <paramref name="options"/>, or null when it accepts them.</summary>
    private static ArgumentOutOfRangeException? ConstructorError(object options)
    {
        try
        {
            if (options is ConvexClientOptions clientOptions)
            {
                // The in-memory transport keeps an accepted client off the network; it is closed at once.
                new ConvexClient(new Uri(Url), clientOptions, new InMemorySyncTransport()).DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            else
            {
                using var http = new HttpClient();
                using var client = new ConvexHttpClient(http, new Uri(Url), (ConvexHttpClientOptions)options);
            }

            return null;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            return ex;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
