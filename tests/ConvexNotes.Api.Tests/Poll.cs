namespace ConvexNotes.Api.Tests;

/// <summary>Polls a condition with a deadline, for the rare state that cannot be awaited directly.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        await UntilAsync(() => Task.FromResult(condition()), timeout, what);
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.");
            }

            await timer.WaitForNextTickAsync(TestContext.Current.CancellationToken);
        }
    }
}
