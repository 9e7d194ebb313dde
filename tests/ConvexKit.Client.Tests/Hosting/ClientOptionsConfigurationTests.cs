using System.Reflection;
using ConvexKit.Client.Http;
using ConvexKit.Client.Tests.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConvexKit.Client.Tests.Hosting;

/// <summary>
/// The clients' options from configuration: the <c>ClientOptions</c> and <c>HttpClientOptions</c> sub-sections of
/// <c>Aspire:Convex:Client</c> and of its named section, then the delegates; checked when the host starts.
/// </summary>
public sealed class ClientOptionsConfigurationTests
{
    private const string Url = "http://127.0.0.1:1001/";

    // Each layer overrides the ones before: the section, the named section, the delegate (16 s is the client's default).
    [Theory]
    [InlineData(null, null, null, 16)]
    [InlineData(5, null, null, 5)]
    [InlineData(null, 6, null, 6)]
    [InlineData(5, 6, null, 6)]
    [InlineData(5, null, 7, 7)]
    [InlineData(5, 6, 7, 7)]
    public void ClientOptionsLayersOverrideEachOtherInAspireOrder(int? section, int? namedSection, int? fromDelegate, int expectedSeconds)
    {
        foreach (var key in new string?[] { null, "convex" })
        {
            var builder = TestHost.Builder(
                ("ConnectionStrings:convex", Url),
                ("Aspire:Convex:Client:ClientOptions:MaxReconnectDelay", Seconds(section)),
                ("Aspire:Convex:Client:convex:ClientOptions:MaxReconnectDelay", Seconds(namedSection)));
            builder.AddClient(key, configureClientOptions: options =>
            {
                if (fromDelegate is { } seconds)
                {
                    options.MaxReconnectDelay = TimeSpan.FromSeconds(seconds);
                }
            });
            using var host = builder.Build();

            Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), host.Options<ConvexClientOptions>(key).MaxReconnectDelay);
        }
    }

    // 60 s is the HTTP client's default.
    [Theory]
    [InlineData(null, null, null, 60)]
    [InlineData(5, null, null, 5)]
    [InlineData(5, 6, null, 6)]
    [InlineData(5, 6, 7, 7)]
    public void HttpClientOptionsLayersOverrideEachOtherInAspireOrder(int? section, int? namedSection, int? fromDelegate, int expectedSeconds)
    {
        foreach (var key in new string?[] { null, "convex" })
        {
            var builder = TestHost.Builder(
                ("ConnectionStrings:convex", Url),
                ("Aspire:Convex:Client:HttpClientOptions:Timeout", Seconds(section)),
                ("Aspire:Convex:Client:convex:HttpClientOptions:Timeout", Seconds(namedSection)));
            builder.AddClient(key, configureHttpClientOptions: options =>
            {
                if (fromDelegate is { } seconds)
                {
                    options.Timeout = TimeSpan.FromSeconds(seconds);
                }
            });
            using var host = builder.Build();

            Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), host.Options<ConvexHttpClientOptions>(key).Timeout);
        }
    }

    [Fact]
    public void TheWebSocketAndHttpClientsHaveSeparateOptions()
    {
        var builder = TestHost.Builder(
            ("ConnectionStrings:convex", Url),
            ("Aspire:Convex:Client:ClientOptions:Timeout", "00:00:05"),
            ("Aspire:Convex:Client:HttpClientOptions:ActionTimeout", "00:00:07"));
        builder.AddConvexClient("convex");
        using var host = builder.Build();

        var client = host.Options<ConvexClientOptions>(null);
        var http = host.Options<ConvexHttpClientOptions>(null);

        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10)), (client.Timeout, client.ActionTimeout));
        Assert.Equal((TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(7)), (http.Timeout, http.ActionTimeout));
    }

    // Every settable member binds from its key in the client's named section.
    [Fact]
    public void EveryConfigurableMemberOfBothOptionsTypesBinds()
    {
        var configuration = new List<(string, string?)> { ("ConnectionStrings:notes", Url) };
        var expected = new List<(string Section, PropertyInfo Property, TimeSpan Value)>();
        foreach (var (section, type) in new[] { ("ClientOptions", typeof(ConvexClientOptions)), ("HttpClientOptions", typeof(ConvexHttpClientOptions)) })
        {
            foreach (var property in ConfigurableMembers(type))
            {
                Assert.True(property.PropertyType == typeof(TimeSpan), $"{type.Name}.{property.Name} is a {property.PropertyType.Name}: give this test a value of that type.");
                var value = TimeSpan.FromSeconds(expected.Count + 1.5);
                expected.Add((section, property, value));
                configuration.Add(($"Aspire:Convex:Client:notes:{section}:{property.Name}", value.ToString()));
            }
        }

        var builder = TestHost.Builder([.. configuration]);
        builder.AddKeyedConvexClient("notes");
        using var host = builder.Build();

        Assert.All(expected, e =>
        {
            object options = e.Section == "ClientOptions" ? host.Options<ConvexClientOptions>("notes") : host.Options<ConvexHttpClientOptions>("notes");
            Assert.Equal(e.Value, e.Property.GetValue(options));
        });
    }

    // Plain data: the configuration binder fills every public property, with no help from the integration.
    [Fact]
    public void EveryPropertyOfBothOptionsTypesBindsStraightFromConfiguration()
    {
        var client = new ConvexClientOptions();
        var http = new ConvexHttpClientOptions();

        ConfigurationOfEveryMember<ConvexClientOptions>(out var clientValues).Bind(client);
        ConfigurationOfEveryMember<ConvexHttpClientOptions>(out var httpValues).Bind(http);

        Assert.All(clientValues, v => Assert.Equal(v.Value, v.Property.GetValue(client)));
        Assert.All(httpValues, v => Assert.Equal(v.Value, v.Property.GetValue(http)));
        Assert.Equal(8, clientValues.Count + httpValues.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("convex")]
    public async Task TheApplicationsLoggerFactoryReachesBothClientsLogs(string? key)
    {
        await using var server = RawHttpResponder.Answering(200, "application/json", """{"status":"success","value":null,"logLines":["[LOG] 'hi'"]}""");
        var loggers = new CapturingLoggerFactory();
        var builder = TestHost.Builder(("ConnectionStrings:convex", server.Url.AbsoluteUri));
        builder.Services.AddSingleton<ILoggerFactory>(loggers);
        builder.AddClient(key);
        using var host = builder.Build();

        await host.Resolve<ConvexHttpClient>(key).QueryAsync("notes:list", cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await using var client = host.Resolve<ConvexClient>(key);

        Assert.Contains(loggers.Entries, e => e.Category == "ConvexKit.Client.FunctionLogs" && e.Message == "[CONVEX Q(notes:list)] [LOG] 'hi'");
        await loggers.WaitForAsync(e => e.Category == typeof(ConvexClient).FullName && e.Message.StartsWith("Connecting to", StringComparison.Ordinal), Ct);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("convex")]
    public async Task ConfiguredTimeoutsReachTheClients(string? key)
    {
        await using var server = RawHttpResponder.NeverAnswering();
        var builder = TestHost.Builder(
            ("ConnectionStrings:convex", server.Url.AbsoluteUri),
            ("Aspire:Convex:Client:ClientOptions:Timeout", "00:00:00.300"),
            ("Aspire:Convex:Client:convex:HttpClientOptions:Timeout", "00:00:00.400"));
        builder.AddClient(key);
        using var host = builder.Build();

        var clientTimeout = await Assert.ThrowsAsync<TimeoutException>(
            () => host.Resolve<ConvexClient>(key).QueryAsync("notes:list", cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct));
        var httpTimeout = await Assert.ThrowsAsync<TimeoutException>(
            () => host.Resolve<ConvexHttpClient>(key).QueryAsync("notes:list", cancellationToken: Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct));

        Assert.Contains("within 00:00:00.3", clientTimeout.Message, StringComparison.Ordinal);
        Assert.Contains("within 0.4 s", httpTimeout.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Aspire:Convex:Client:ClientOptions:MaxReconnectDelay", "00:00:00")]
    [InlineData("Aspire:Convex:Client:convex:ClientOptions:ServerInactivityTimeout", "-00:00:01")]
    [InlineData("Aspire:Convex:Client:ClientOptions:ConnectTimeout", "-00:00:00.001")]
    [InlineData("Aspire:Convex:Client:ClientOptions:Timeout", "-00:00:00.002")]
    [InlineData("Aspire:Convex:Client:convex:ClientOptions:ActionTimeout", "30.00:00:00")]
    [InlineData("Aspire:Convex:Client:ClientOptions:AuthRefreshLeeway", "-00:00:01")]
    [InlineData("Aspire:Convex:Client:HttpClientOptions:Timeout", "00:00:00")]
    [InlineData("Aspire:Convex:Client:convex:HttpClientOptions:ActionTimeout", "-1.00:00:00")]
    public async Task AnOutOfRangeOptionStopsTheHostAtStartNamingItsKey(string key, string value)
    {
        foreach (var serviceKey in new string?[] { null, "convex" })
        {
            var builder = TestHost.Builder(("ConnectionStrings:convex", Url), (key, value));
            builder.AddClient(serviceKey);
            using var host = builder.Build();

            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct));

            Assert.Equal($"The Convex client 'convex': '{key}' is {TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)}", error.Message[..error.Message.IndexOf(", but", StringComparison.Ordinal)]);
            Assert.Throws<OptionsValidationException>(() => key.Contains("HttpClientOptions", StringComparison.Ordinal)
                ? host.Resolve<ConvexHttpClient>(serviceKey)
                : (object)host.Resolve<ConvexClient>(serviceKey));
        }
    }

    [Fact]
    public async Task ABadValueSetInCodeIsBlamedOnTheCodeNotOnTheKeyItOverrode()
    {
        var builder = TestHost.Builder(("ConnectionStrings:convex", Url), ("Aspire:Convex:Client:ClientOptions:MaxReconnectDelay", "00:00:05"));
        builder.AddConvexClient("convex", configureClientOptions: options => options.MaxReconnectDelay = TimeSpan.Zero);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct));

        Assert.StartsWith("The Convex client 'convex': ConvexClientOptions.MaxReconnectDelay (set in code: configureClientOptions", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Aspire:Convex:Client:convex:ClientOptions:MaxReconnectDelay'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AValueThatIsNoTimeSpanStopsTheHostNamingItsKey()
    {
        var builder = TestHost.Builder(("ConnectionStrings:convex", Url), ("Aspire:Convex:Client:convex:ClientOptions:Timeout", "soon"));
        builder.AddConvexClient("convex");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct));

        Assert.Contains("'Aspire:Convex:Client:convex:ClientOptions:Timeout'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidOptionsLetTheHostStart()
    {
        var builder = TestHost.Builder(
            ("ConnectionStrings:convex", Url),
            ("Aspire:Convex:Client:ClientOptions:Timeout", "-00:00:00.001"),
            ("Aspire:Convex:Client:ClientOptions:AuthRefreshLeeway", "00:00:00"),
            ("Aspire:Convex:Client:HttpClientOptions:ActionTimeout", "00:20:00"));
        builder.AddConvexClient("convex");
        using var host = builder.Build();

        await host.StartAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await host.StopAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(Timeout.InfiniteTimeSpan, host.Options<ConvexClientOptions>(null).Timeout);
    }

    [Fact]
    public void AddingTheSameClientTwiceKeepsTheFirstRegistrationWhole()
    {
        var builder = TestHost.Builder(("ConnectionStrings:a", "http://127.0.0.1:1001/"), ("ConnectionStrings:b", "http://127.0.0.1:1002/"));
        builder.AddConvexClient("a", configureClientOptions: options => options.ConnectTimeout = TimeSpan.FromSeconds(3));
        builder.AddConvexClient("b", configureClientOptions: options => options.ConnectTimeout = TimeSpan.FromSeconds(4));
        using var host = builder.Build();

        Assert.Equal(new Uri("http://127.0.0.1:1001/"), host.Resolve<ConvexHttpClient>(null).DeploymentUrl);
        Assert.Equal(TimeSpan.FromSeconds(3), host.Options<ConvexClientOptions>(null).ConnectTimeout);
    }

    internal static IEnumerable<PropertyInfo> ConfigurableMembers(Type optionsType) =>
        optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true });

    /// <summary>A configuration that gives every settable member of <typeparamref name="T"/> a distinct value.</summary>
    private static IConfiguration ConfigurationOfEveryMember<T>(out List<(PropertyInfo Property, TimeSpan Value)> values)
    {
        values = [.. ConfigurableMembers(typeof(T)).Select((p, i) => (p, TimeSpan.FromSeconds(i + 1.5)))];
        return new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Property.Name, v.Value.ToString())))
            .Build();
    }

    private static string? Seconds(int? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s).ToString() : null;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
