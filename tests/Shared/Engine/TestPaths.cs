using System;
using System.IO;

namespace GdprOps.Tests;

/// <summary>Locations in the repository the tests read (samples) and a scratch folder per test.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Samples => Path.Combine(RepoRoot, "samples");

    public static string SampleShare => Path.Combine(Samples, "share");

    public static string SampleSubject => Path.Combine(Samples, "subject.json");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GdprOps.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GdprOps.sln not found above " + AppContext.BaseDirectory);
    }
}
