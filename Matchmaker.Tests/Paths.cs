namespace Matchmaker.Tests;

internal static class Paths
{
    /// <summary>The folder holding Matchmaker.sln, found from the test binaries upwards.</summary>
    public static string RepositoryRoot { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Matchmaker.sln"))) return dir.FullName;
        throw new InvalidOperationException("Matchmaker.sln not found above " + AppContext.BaseDirectory);
    }
}
