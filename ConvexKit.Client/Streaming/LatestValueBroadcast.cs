using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace ConvexKit.Client.Streaming;

/// <summary>
/// Hands each published value to every reader, each through a small channel that drops its oldest value when full: a
/// slow reader skips ahead instead of queueing without bound (subscriptions, paginated queries and WatchAll keep one
/// unread value, connection-state streams a few). Ends once, optionally with an error that every reader then gets.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="replayLatest">Whether a new reader starts with the latest value, or with the next one published.</param>
/// <param name="keptPerReader">How many unread values a reader keeps; the oldest give way.</param>
internal sealed class LatestValueBroadcast<T>(bool replayLatest, int keptPerReader = 1)
{
    private readonly Lock _gate = new();
    private readonly List<Channel<T>> _readers = [];
    private T? _latest;
    private bool _hasLatest;
    private Exception? _error;
    private bool _ended;

    /// <summary>Gets the latest value published, or the default before the first.</summary>
    public T? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>Gets whether the broadcast has ended.</summary>
    public bool IsEnded
    {
        get
        {
            lock (_gate)
            {
                return _ended;
            }
        }
    }

    /// <summary>Gets whether anyone is reading (a publisher may then skip building a value nobody would see).</summary>
    public bool HasReaders
    {
        get
        {
            lock (_gate)
            {
                return _readers.Count > 0;
            }
        }
    }

    /// <summary>Publishes <paramref name="value"/> to every reader; returns <see langword="false"/> (and drops it) once ended.</summary>
    public bool Publish(T value)
    {
        lock (_gate)
        {
            if (_ended)
            {
                return false;
            }

            _latest = value;
            _hasLatest = true;
            foreach (var reader in _readers)
            {
                reader.Writer.TryWrite(value);
            }

            return true;
        }
    }

    /// <summary>Ends every reading, with <paramref name="error"/> when not <see langword="null"/>; returns whether this call ended it.</summary>
    public bool End(Exception? error = null)
    {
        lock (_gate)
        {
            if (_ended)
            {
                return false;
            }

            _ended = true;
            _error = error;
            foreach (var reader in _readers)
            {
                reader.Writer.TryComplete(error);
            }

            _readers.Clear();
            return true;
        }
    }

    /// <summary>Starts a reader now (so it sees every value published from here on) and returns its values.</summary>
    public IAsyncEnumerable<T> Read(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(keptPerReader)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
        lock (_gate)
        {
            if (replayLatest && _hasLatest)
            {
                channel.Writer.TryWrite(_latest!);
            }

            if (_ended)
            {
                channel.Writer.TryComplete(_error);
            }
            else
            {
                _readers.Add(channel);
            }
        }

        return ReadAsync(channel, cancellationToken);
    }

    private async IAsyncEnumerable<T> ReadAsync(Channel<T> channel, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var value in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return value;
            }
        }
        finally
        {
            lock (_gate)
            {
                _readers.Remove(channel);
            }
        }
    }
}
