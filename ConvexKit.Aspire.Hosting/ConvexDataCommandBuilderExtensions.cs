using ConvexKit.Aspire.Hosting;

namespace Aspire.Hosting;

/// <summary>Sample data for the Convex resource's <c>seed</c> dashboard command.</summary>
public static class ConvexDataCommandBuilderExtensions
{
    /// <summary>
    /// Adds the <c>seed</c> command ("Seed sample data"): appends the documents in <paramref name="file"/> (JSON Lines,
    /// or a JSON array with a <c>.json</c> name) to <paramref name="table"/>, as
    /// <c>convex import --append --table {table} {file}</c> does from a terminal.
    /// </summary>
    /// <param name="builder">The Convex resource builder.</param>
    /// <param name="table">The table the documents go to.</param>
    /// <param name="file">The file, relative to the AppHost's directory.</param>
    /// <returns>The Convex resource builder.</returns>
    public static IResourceBuilder<ConvexResource> WithSeedData(this IResourceBuilder<ConvexResource> builder, string table, string file)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentException.ThrowIfNullOrEmpty(file);
        return builder.WithSeedCommand(table, Path.GetFullPath(Path.Combine(builder.ApplicationBuilder.AppHostDirectory, file)));
    }
}
