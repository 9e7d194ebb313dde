namespace ConvexKit.Aspire.Hosting;

/// <summary>The storage-related environment of the backend container (upstream's run_backend.sh and docker-compose.yml).</summary>
internal static class ConvexStorage
{
    public const string PostgresUrl = "POSTGRES_URL";
    public const string DoNotRequireSsl = "DO_NOT_REQUIRE_SSL";

    /// <summary>The user Aspire.Hosting.PostgreSQL creates when no user name parameter is given.</summary>
    public const string DefaultPostgresUser = "postgres";

    /// <summary>The database the backend opens on a SQL server: its instance name with '-' turned into '_' (postgres_or_mysql.md).</summary>
    public static string DatabaseName(string instanceName) => instanceName.Replace('-', '_');

    public static IEnumerable<KeyValuePair<string, string>> S3Environment(ConvexS3StorageOptions options)
    {
        yield return new("AWS_REGION", options.Region);
        yield return new("S3_STORAGE_EXPORTS_BUCKET", options.ExportsBucket);
        yield return new("S3_STORAGE_SNAPSHOT_IMPORTS_BUCKET", options.SnapshotImportsBucket);
        yield return new("S3_STORAGE_MODULES_BUCKET", options.ModulesBucket);
        yield return new("S3_STORAGE_FILES_BUCKET", options.FilesBucket);
        yield return new("S3_STORAGE_SEARCH_BUCKET", options.SearchBucket);
        if (options.EndpointUrl is { } endpoint)
        {
            yield return new("S3_ENDPOINT_URL", endpoint);
        }

        if (options.ForcePathStyle)
        {
            yield return new("AWS_S3_FORCE_PATH_STYLE", "true");
        }
    }
}
