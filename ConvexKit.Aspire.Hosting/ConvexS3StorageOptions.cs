namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// Where the backend keeps its files in S3-compatible storage. The bucket defaults are the names upstream's
/// self-hosted/advanced/s3_storage.md uses.
/// </summary>
public sealed class ConvexS3StorageOptions
{
    /// <summary>AWS_REGION; required by the backend even for S3-compatible stores.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>S3_ENDPOINT_URL: the store's URL for MinIO, R2 and other S3-compatible services; null for AWS S3.</summary>
    public string? EndpointUrl { get; set; }

    /// <summary>AWS_S3_FORCE_PATH_STYLE: bucket in the path rather than the host name (MinIO and most local stores need it).</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>S3_STORAGE_EXPORTS_BUCKET: snapshot exports.</summary>
    public string ExportsBucket { get; set; } = "convex-snapshot-exports";

    /// <summary>S3_STORAGE_SNAPSHOT_IMPORTS_BUCKET: uploaded snapshot imports.</summary>
    public string SnapshotImportsBucket { get; set; } = "convex-snapshot-imports";

    /// <summary>S3_STORAGE_MODULES_BUCKET: the pushed function bundles.</summary>
    public string ModulesBucket { get; set; } = "convex-modules";

    /// <summary>S3_STORAGE_FILES_BUCKET: file storage (<c>ctx.storage</c>).</summary>
    public string FilesBucket { get; set; } = "convex-user-files";

    /// <summary>S3_STORAGE_SEARCH_BUCKET: text and vector search index segments.</summary>
    public string SearchBucket { get; set; } = "convex-search-indexes";

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Region, nameof(Region));
        foreach (var bucket in new[] { ExportsBucket, SnapshotImportsBucket, ModulesBucket, FilesBucket, SearchBucket })
        {
            // The backend falls back to local storage when any bucket variable is empty; say so here instead.
            ArgumentException.ThrowIfNullOrWhiteSpace(bucket, "bucket name");
        }

        if (EndpointUrl is not null && !Uri.TryCreate(EndpointUrl, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"S3 endpoint URL '{EndpointUrl}' is not an absolute URL.", nameof(EndpointUrl));
        }
    }
}
