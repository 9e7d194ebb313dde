using System.Text;

namespace ConvexKit.Client.Protocol;

/// <summary>
/// Reassembles a Transition split into <c>TransitionChunk</c>s (JavaScript <c>assembleTransition</c> semantics):
/// parts must arrive in order with the same id and total; anything else discards the partial transition.
/// </summary>
internal sealed class TransitionChunkAssembler
{
    private StringBuilder? _text;
    private int _received;
    private int _totalParts;
    private string? _transitionId;

    public bool IsAssembling => _text is not null;

    /// <summary>Adds a part; returns the Transition once the last part arrives, otherwise <see langword="null"/>.</summary>
    /// <exception cref="ConvexProtocolException">The part is out of order or inconsistent (the partial transition is dropped).</exception>
    public TransitionMessage? Add(TransitionChunkMessage chunk)
    {
        if (chunk.PartNumber < 0 || chunk.PartNumber >= chunk.TotalParts ||
            (_text is not null && (_totalParts != chunk.TotalParts || _transitionId != chunk.TransitionId)))
        {
            Reset();
            throw new ConvexProtocolException("Invalid TransitionChunk.");
        }

        if (_text is null)
        {
            _text = new StringBuilder();
            _totalParts = chunk.TotalParts;
            _transitionId = chunk.TransitionId;
        }

        if (chunk.PartNumber != _received)
        {
            var expected = _received;
            Reset();
            throw new ConvexProtocolException($"TransitionChunk received out of order: expected part {expected}, got {chunk.PartNumber}.");
        }

        _text.Append(chunk.Chunk);
        _received++;
        if (_received < _totalParts)
        {
            return null;
        }

        var json = _text.ToString();
        Reset();
        return ServerMessageReader.Parse(Encoding.UTF8.GetBytes(json)) as TransitionMessage
            ?? throw new ConvexProtocolException("The reassembled TransitionChunks are not a Transition.");
    }

    /// <summary>Drops any partial transition; returns whether there was one.</summary>
    public bool Reset()
    {
        var wasAssembling = _text is not null;
        _text = null;
        _received = 0;
        _totalParts = 0;
        _transitionId = null;
        return wasAssembling;
    }
}
