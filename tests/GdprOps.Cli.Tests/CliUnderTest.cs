using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace GdprOps.Tests.Cli;

/// <summary>
/// Which gdprops the tests run. By default the CLI in this process (<see cref="GdprOps.Cli.CliApp"/>) and, for the tests
/// that need processes, the framework-dependent build (<c>dotnet gdprops.dll</c>). With GDPROPS_CLI_UNDER_TEST naming an
/// executable (the native-AOT publish, see tests/run.sh), every test runs that executable as a process instead, so the
/// binary users deploy passes the same tests as the code.
/// </summary>
internal static class CliUnderTest
{
    public const string Variable = "GDPROPS_CLI_UNDER_TEST";

    /// <summary>The executable under test, or null for the in-process CLI.</summary>
    public static string? Executable { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    /// <summary>
    /// Starts gdprops with <paramref name="args"/>: the executable under test, or <c>dotnet</c> with
    /// <paramref name="frameworkDll"/> (gdprops.dll) first; <paramref name="environment"/> is set on top of this process's.
    /// Standard input is closed at once (a scheduled job has none); standard output and error are read to their end.
    /// </summary>
    public static Process Start(string frameworkDll, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment, out Task<string> output, out Task<string> error)
    {
        var start = new ProcessStartInfo(Executable ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (Executable is null)
        {
            start.ArgumentList.Add(frameworkDll);
        }

        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        output = process.StandardOutput.ReadToEndAsync();
        error = process.StandardError.ReadToEndAsync();
        return process;
    }

    /// <summary>Runs the executable under test to its end: exit code, standard output and standard error.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunProcessAsync(IEnumerable<string> args)
    {
        using var process = Start(string.Empty, args, null, out var output, out var error);
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
