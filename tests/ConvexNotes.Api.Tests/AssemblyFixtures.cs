// One emulator (a test double of Convex) shared by the API tests, which leave it running.
[assembly: AssemblyFixture(typeof(ConvexNotes.Testing.EmulatorFixture))]
