using System.Diagnostics;
using System.Globalization;

namespace OpenLine.LoadGen;

/// <summary>One line that says which server build a run measured: its path, build time, the repository's commit, and any extra launch settings.</summary>
internal static class ServerDescription
{
    public static string Of(ServerLaunch launch)
    {
        string dll = LocalServer.FindDll(launch);
        string built = File.Exists(dll)
            ? File.GetLastWriteTimeUtc(dll).ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)
            : "not built yet (built before the first scenario)";
        string? repo = FindGitDirectory(Path.GetDirectoryName(dll)!);
        string commit = repo is null ? "" : $", commit {Git(repo, "rev-parse --short HEAD")}{(Git(repo, "status --porcelain -- src").Length > 0 ? " with uncommitted changes in src/" : "")}";
        string extra = launch.Args.Count + launch.Environment.Count == 0
            ? "default settings (SQLite journal, fsync per group commit, snapshots every 100,000 commands)"
            : "extra settings: " + string.Join(' ', launch.Args.Concat(launch.Environment.Select(e => $"{e.Key}={e.Value}")));
        return $"dotnet {dll} (built {built}{commit}); a fresh process and data dir per scenario; {extra}";
    }

    private static string? FindGitDirectory(string start)
    {
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    private static string Git(string repo, string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", $"-C \"{repo}\" {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using Process process = Process.Start(start)!;
            string text = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? text : "?";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?"; // no git on the PATH
        }
    }
}
