namespace ConvexNotes.Api.Errors;

/// <summary>The Convex backend cannot serve this request right now (not connected, or it did not answer in time).</summary>
internal sealed class BackendUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
