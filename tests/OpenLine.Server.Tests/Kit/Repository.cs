namespace OpenLine.Server.Tests.Kit;

/// <summary>The repository the tests run from, for tests that read or write its files (docs, sources, the README's screenshot).</summary>
public static class Repository
{
    /// <summary>The directory holding OpenLine.slnx, found upwards from the test binaries.</summary>
    public static string Root
    {
        get
        {
            for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "OpenLine.slnx")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("OpenLine.slnx not found above " + AppContext.BaseDirectory);
        }
    }
}
