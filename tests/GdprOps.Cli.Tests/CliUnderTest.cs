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
    /// A process start for gdprops with <paramref name="args"/>: the executable under test, or <c>dotnet</c> with
    /// <paramref name="frameworkDll"/> (gdprops.dll) first. Standard input is redirected (and closed by the caller): a
    /// scheduled job has none.
    /// </summary>
    public static ProcessStartInfo StartInfo(string frameworkDll, IEnumerable<string> args)
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

        return start;
    }

    /// <summary>Runs the executable under test to its end: exit code, standard output and standard error.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunProcessAsync(IEnumerable<string> args)
    {
        using var process = Process.Start(StartInfo(string.Empty, args))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
