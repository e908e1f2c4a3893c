namespace OpenLine.LoadGen;

/// <summary>
/// How <c>--start-server</c> runs the server: which build (default: this repository's Release
/// build), and any extra arguments and environment variables (for experiments such as
/// <c>--server-arg --OpenLine:SnapshotEvery=0</c> or <c>--server-env DOTNET_gcServer=0</c>; the
/// suite's figures use none).
/// </summary>
internal sealed record ServerLaunch(string? Dll, IReadOnlyList<string> Args, IReadOnlyList<KeyValuePair<string, string>> Environment)
{
    public static readonly ServerLaunch Default = new(null, [], []);

    public bool IsDefault => Dll is null && Args.Count == 0 && Environment.Count == 0;
}
