namespace ConvexKit.Aspire.Hosting;

/// <summary>The two secrets every Convex resource carries: the instance secret and the admin key derived from it.</summary>
internal static class ConvexParameters
{
    /// <summary>
    /// <c>{name}-instance-secret</c>: generated once and persisted to the AppHost's user secrets, so the admin key
    /// (and the data volume's credentials) stay valid across runs (a key derived from another secret is rejected with 401 BadAdminKey).
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddInstanceSecret(IDistributedApplicationBuilder builder, string name)
    {
        var parameterName = $"{name}-instance-secret";
        var secret = builder.ExecutionContext.IsRunMode
            ? builder.AddParameter(parameterName, new HexSecretParameterDefault(), secret: true, persist: true)
            : builder.AddParameter(parameterName, secret: true);
        return secret.WithDescription("The Convex INSTANCE_SECRET: 64 hex characters; admin keys are derived from it.");
    }

    /// <summary>
    /// <c>{name}-admin-key</c>: a secret parameter whose value the AppHost computes from the instance name and
    /// secret, so it shows (masked) in the Aspire dashboard next to the other parameters.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddAdminKey(
        IDistributedApplicationBuilder builder, string name, string instanceName, ParameterResource instanceSecret)
    {
        var adminKey = new ParameterResource(
            $"{name}-admin-key",
            _ => ConvexAdminKey.Issue(instanceName, ValueOf(instanceSecret)),
            secret: true)
        {
            Description = $"The Convex admin key for '{instanceName}', derived from {instanceSecret.Name}. Any number of keys can be valid at once.",
        };

        // What AddParameter does for ordinary parameters, so the dashboard lists this one the same way.
        return builder.AddResource(adminKey).WithInitialState(new CustomResourceSnapshot
        {
            ResourceType = "Parameter",
            Properties = [],
            State = KnownResourceStates.Waiting,
        });
    }

    // Parameters are resolved one by one in model order, and the secret is added first, so its value is known by now.
    // If it isn't (a user-supplied secret still waiting for input), blocking here would stall every parameter.
    private static string ValueOf(ParameterResource instanceSecret)
    {
        var value = instanceSecret.GetValueAsync(CancellationToken.None).AsTask();
        if (!value.IsCompleted)
        {
            throw new MissingParameterValueException($"The admin key is derived from '{instanceSecret.Name}', which has no value yet.");
        }

        return value.GetAwaiter().GetResult()
            ?? throw new MissingParameterValueException($"'{instanceSecret.Name}' has no value.");
    }
}
