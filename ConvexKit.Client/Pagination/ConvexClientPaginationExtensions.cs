using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client.Functions;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Pagination;

/// <summary>Paginated subscriptions on a <see cref="ConvexClient"/>.</summary>
public static class ConvexClientPaginationExtensions
{
    /// <summary>
    /// Subscribes to a paginated query (one whose handler returns <c>ctx.db.query(…).paginate(args.paginationOpts)</c>),
    /// starting with a first page of <paramref name="initialNumItems"/> items.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="functionPath">The query, such as <c>notes:page</c>.</param>
    /// <param name="args">The query's other arguments (without <c>paginationOpts</c>, which is added per page); none when <see langword="null"/>.</param>
    /// <param name="initialNumItems">The size of the first page, and of the pages a split produces.</param>
    /// <returns>The live paginated query; dispose it to unsubscribe.</returns>
    /// <exception cref="ArgumentException"><paramref name="functionPath"/> is not a valid function path, or <paramref name="args"/> already has <c>paginationOpts</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialNumItems"/> is less than 1.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public static ConvexPaginatedQuery SubscribePaginated(this ConvexClient client, string functionPath, ConvexObject? args, int initialNumItems)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialNumItems, 1);
        args ??= ConvexObject.Empty;
        if (args.ContainsKey("paginationOpts"))
        {
            throw new ArgumentException("paginationOpts is added to each page's arguments; leave it out.", nameof(args));
        }

        return new ConvexPaginatedQuery(client, FunctionPath.Canonicalize(functionPath), args, initialNumItems);
    }

    /// <summary>Subscribes to a paginated query with typed arguments (trimming- and AOT-safe).</summary>
    /// <typeparam name="TArgs">The CLR type of the other arguments; it must convert to an object.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="functionPath">The query, such as <c>notes:page</c>.</param>
    /// <param name="args">The query's other arguments.</param>
    /// <param name="argsTypeInfo">Metadata for <typeparamref name="TArgs"/>.</param>
    /// <param name="initialNumItems">The size of the first page, and of the pages a split produces.</param>
    /// <returns>The live paginated query; dispose it to unsubscribe.</returns>
    /// <exception cref="ConvexValueException">The arguments are not a Convex object.</exception>
    /// <inheritdoc cref="SubscribePaginated(ConvexClient, string, ConvexObject?, int)" path="/exception"/>
    public static ConvexPaginatedQuery SubscribePaginated<TArgs>(
        this ConvexClient client, string functionPath, TArgs args, JsonTypeInfo<TArgs> argsTypeInfo, int initialNumItems)
    {
        ArgumentNullException.ThrowIfNull(argsTypeInfo);
        return client.SubscribePaginated(functionPath, ConvexValue.FromObject(args, argsTypeInfo) as ConvexObject
            ?? throw new ConvexValueException("The arguments of a query must be a Convex object."), initialNumItems);
    }

    /// <summary>
    /// Subscribes to a paginated query through its generated reference (<c>ConvexApi.Notes.Page</c>): the path and the
    /// kind are checked by the compiler, and <paramref name="args"/> are the query's arguments for the first page, so
    /// their <c>paginationOpts.numItems</c> is the size of the first page and <c>paginationOpts.cursor</c> must be null.
    /// Read the items typed with <see cref="ConvexPaginatedResult.GetItems{T}(JsonTypeInfo{T})"/>.
    /// </summary>
    /// <typeparam name="TArgs">The query's generated arguments type, with its <c>paginationOpts</c>.</typeparam>
    /// <typeparam name="TResult">The query's generated result type (a page: <c>page</c>, <c>isDone</c>, <c>continueCursor</c>).</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="query">The generated reference of a paginated query.</param>
    /// <param name="args">The arguments for the first page.</param>
    /// <returns>The live paginated query; dispose it to unsubscribe.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="args"/> have no <c>paginationOpts</c> object (not a paginated query), or a cursor, or a
    /// <c>numItems</c> that is not a whole number of at least 1.
    /// </exception>
    /// <exception cref="ConvexValueException">The arguments are not a Convex object.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public static ConvexPaginatedQuery SubscribePaginated<TArgs, TResult>(this ConvexClient client, QueryReference<TArgs, TResult> query, TArgs args)
    {
        ArgumentNullException.ThrowIfNull(query);
        var all = ConvexValue.FromObject(args, query.ArgsTypeInfo) as ConvexObject
            ?? throw new ConvexValueException("The arguments of a query must be a Convex object.");
        if (!all.TryGetValue("paginationOpts", out var options) || options is not ConvexObject paginationOpts)
        {
            throw new ArgumentException($"{query.Path} takes no paginationOpts object, so it is not a paginated query.", nameof(args));
        }

        if (paginationOpts.TryGetValue("cursor", out var cursor) && !cursor.IsNull)
        {
            throw new ArgumentException("A paginated subscription starts at the first page: paginationOpts.cursor must be null.", nameof(args));
        }

        var numItems = paginationOpts.TryGetValue("numItems", out var value) && value.Kind == ConvexValueKind.Float64 ? value.AsDouble() : 0;
        if (numItems < 1 || numItems > int.MaxValue || numItems != Math.Floor(numItems))
        {
            throw new ArgumentException("paginationOpts.numItems, the size of the first page, must be a whole number of at least 1.", nameof(args));
        }

        return client.SubscribePaginated(query.Path, all.Without("paginationOpts"), (int)numItems);
    }
}
