namespace ConvexNotes.AppHost.Tests;

/// <summary>
/// Tests that start the AppHost's convex resource, which listens on the fixed ports 3210 and 3211 (as the real backend
/// does), join this collection so they never run at the same time as each other or as other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FixedPortsCollection
{
    public const string Name = "Fixed Convex ports 3210/3211";
}
