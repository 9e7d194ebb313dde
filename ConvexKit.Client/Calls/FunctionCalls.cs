using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client.Diagnostics;
using ConvexKit.Client.Functions;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Calls;

/// <summary>
/// The call overloads of every surface, written once: each public <c>QueryAsync</c>, <c>MutationAsync</c>,
/// <c>ActionAsync</c> and <c>Try…Async</c> (plain path or generated reference) is one call into the method here for its
/// shape of arguments and value. They canonicalize the path, convert the arguments, wrap the call in telemetry, and
/// convert the value or throw the function's failure; the surface only runs the call (<see cref="IFunctionCaller"/>).
/// </summary>
internal static class FunctionCalls
{
    /// <summary>Arguments as a <see cref="ConvexObject"/>, the value as a <see cref="ConvexValue"/>.</summary>
    public static async Task<ConvexValue> ValueAsync(
        IFunctionCaller caller, ConvexFunctionKind kind, string functionPath, ConvexObject? args, CancellationToken cancellationToken)
    {
        var path = FunctionPath.Canonicalize(functionPath);
        var result = Succeeded(kind, path, await RunAsync(caller, kind, path, FunctionArgs.From(args), cancellationToken).ConfigureAwait(false));
        return result.Value!;
    }

    /// <summary>Arguments as a <see cref="ConvexObject"/>, the value converted with source-generated metadata.</summary>
    public static async Task<TResult> ValueAsync<TResult>(
        IFunctionCaller caller, ConvexFunctionKind kind, string functionPath, ConvexObject? args, JsonTypeInfo<TResult> resultTypeInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resultTypeInfo);
        var path = FunctionPath.Canonicalize(functionPath);
        var result = Succeeded(kind, path, await RunAsync(caller, kind, path, FunctionArgs.From(args), cancellationToken).ConfigureAwait(false));
        return result.GetValue(resultTypeInfo);
    }

    /// <summary>Arguments and value both converted with source-generated metadata.</summary>
    public static async Task<TResult> ValueAsync<TArgs, TResult>(
        IFunctionCaller caller,
        ConvexFunctionKind kind,
        string functionPath,
        TArgs args,
        JsonTypeInfo<TArgs> argsTypeInfo,
        JsonTypeInfo<TResult> resultTypeInfo,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resultTypeInfo);
        var path = FunctionPath.Canonicalize(functionPath);
        var result = Succeeded(kind, path, await RunAsync(caller, kind, path, FunctionArgs.From(args, argsTypeInfo), cancellationToken).ConfigureAwait(false));
        return result.GetValue(resultTypeInfo);
    }

    /// <summary>Arguments and value both converted with reflection-based System.Text.Json.</summary>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public static async Task<TResult> ValueAsync<TResult>(
        IFunctionCaller caller, ConvexFunctionKind kind, string functionPath, object? args, JsonSerializerOptions? options, CancellationToken cancellationToken)
    {
        var path = FunctionPath.Canonicalize(functionPath);
        var result = Succeeded(kind, path, await RunAsync(caller, kind, path, FunctionArgs.FromReflection(args, options), cancellationToken).ConfigureAwait(false));
        return result.GetValue<TResult>(options);
    }

    /// <summary>A generated reference: its kind, path and metadata decide the call.</summary>
    public static Task<TResult> ValueAsync<TArgs, TResult>(
        IFunctionCaller caller, FunctionReference<TArgs, TResult> function, TArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        return ValueAsync(caller, function.Kind, function.Path, args, function.ArgsTypeInfo, function.ResultTypeInfo, cancellationToken);
    }

    /// <summary>Arguments as a <see cref="ConvexObject"/>; the function's failure is returned, not thrown.</summary>
    public static Task<FunctionResult> TryAsync(
        IFunctionCaller caller, ConvexFunctionKind kind, string functionPath, ConvexObject? args, CancellationToken cancellationToken) =>
        RunAsync(caller, kind, FunctionPath.Canonicalize(functionPath), FunctionArgs.From(args), cancellationToken);

    /// <summary>A generated reference; the function's failure is returned, not thrown.</summary>
    public static async Task<FunctionResult<TResult>> TryAsync<TArgs, TResult>(
        IFunctionCaller caller, FunctionReference<TArgs, TResult> function, TArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        var path = FunctionPath.Canonicalize(function.Path);
        var result = await RunAsync(caller, function.Kind, path, FunctionArgs.From(args, function.ArgsTypeInfo), cancellationToken).ConfigureAwait(false);
        return new FunctionResult<TResult>(result, function.ResultTypeInfo);
    }

    /// <summary>The result of a call that succeeded; the function's failure as an exception otherwise.</summary>
    private static FunctionResult Succeeded(ConvexFunctionKind kind, string canonicalPath, FunctionResult result) =>
        result.IsSuccess ? result : throw ConvexFunctionException.FromResult(kind, canonicalPath, result);

    private static async Task<FunctionResult> RunAsync(
        IFunctionCaller caller, ConvexFunctionKind kind, string canonicalPath, ConvexObject args, CancellationToken cancellationToken)
    {
        // Started in an async method, so the span is Activity.Current for this call only, not for the caller after it.
        var telemetry = ConvexCallTelemetry.Start(kind, canonicalPath, caller.TelemetryTags);
        FunctionResult result;
        try
        {
            result = await caller.CallAsync(kind, canonicalPath, args, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            telemetry.Fail(ex);
            throw;
        }

        telemetry.Complete(result);
        return result;
    }
}
