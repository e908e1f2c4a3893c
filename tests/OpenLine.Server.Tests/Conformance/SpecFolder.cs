namespace OpenLine.Server.Tests.Conformance;

/// <summary>
/// Finds <c>shared/spec/openapi</c> (4casters' own OpenAPI documents, kept unchanged). The shared
/// folder sits beside the repository (<c>../shared</c> from the repo root, both locally and in CI),
/// so we walk up from the test binaries until a directory holds <c>shared/spec/openapi</c>.
/// </summary>
internal static class SpecFolder
{
    public static string OpenApi { get; } = Locate();

    private static string Locate()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "spec", "openapi");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"No shared/spec/openapi above {AppContext.BaseDirectory}: clone the shared folder beside the repository.");
    }
}
