using Xunit;

namespace ConvexNotes.Testing;

/// <summary>Waits for a condition with a deadline instead of sleeping for a guessed time, for the rare state that cannot be awaited directly.</summary>
public static class Poll
{
    /// <summary>How long a test waits, by default, for something that should happen within seconds.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Checks <paramref name="condition"/> every 50 ms until it holds.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="what">What is awaited, for the timeout message ("the API to be healthy").</param>
    /// <param name="timeout">The deadline; <see cref="Timeout"/> when null.</param>
    /// <exception cref="TimeoutException">The condition did not hold in time.</exception>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? Timeout;
        var deadline = DateTime.UtcNow + limit;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for {what}.");
            }

            await timer.WaitForNextTickAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, string, TimeSpan?)"/>
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), what, timeout);
    }
}
