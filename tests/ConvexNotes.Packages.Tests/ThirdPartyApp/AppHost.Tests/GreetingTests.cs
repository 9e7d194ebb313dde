namespace AppHost.Tests;

public sealed class GreetingTests
{
    [Fact]
    public async Task TheServiceAnswersWithTheConvexQueryResult()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(["Convex:Backend=emulator"], cancellationToken);
        await using var app = await appHost.BuildAsync(cancellationToken);
        await app.StartAsync(cancellationToken);

        // Healthy: the functions are pushed (the service waited for convex) and its Convex client reaches the deployment.
        await app.ResourceNotifications.WaitForResourceHealthyAsync("service", cancellationToken).WaitAsync(TimeSpan.FromMinutes(4), cancellationToken);
        using var http = app.CreateHttpClient("service");
        var answer = await http.GetStringAsync("/greeting?name=third%20party", cancellationToken);

        Assert.Equal("Hello, third party!", answer);
        if (Environment.GetEnvironmentVariable("GREETING_ANSWER_FILE") is { Length: > 0 } file)
        {
            await File.WriteAllTextAsync(file, answer, cancellationToken);
        }
    }
}
