using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace GdprOps.Testing;

/// <summary>
/// Azurite's blob service on a free loopback port, in memory. Installs Azurite from tests/azurite's lock file
/// with npm when it is missing, so a fresh clone with only the .NET SDK and Node works.
/// </summary>
internal sealed class AzuriteServer : IDisposable
{
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private readonly Process process;

    private AzuriteServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public string BlobEndpoint => $"http://127.0.0.1:{Port}/{AccountName}";

    public string ConnectionString => $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    public static async Task<AzuriteServer> StartAsync(string repoRoot)
    {
        string folder = Path.Combine(repoRoot, "tests", "azurite");
        string binary = Path.Combine(folder, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite-blob.cmd" : "azurite-blob");
        await InstallGate.WaitAsync();
        try
        {
            if (!File.Exists(binary))
            {
                await RunAsync(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", "ci --no-audit --no-fund", folder, TimeSpan.FromMinutes(10));
            }
        }
        finally
        {
            InstallGate.Release();
        }

        var start = new ProcessStartInfo(binary, "--blobHost 127.0.0.1 --blobPort 0 --inMemoryPersistence --loose --skipApiVersionCheck --disableTelemetry")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            var match = e.Data is null ? null : Regex.Match(e.Data, @"listens on http://127\.0\.0\.1:(\d+)");
            if (match is { Success: true })
            {
                listening.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("Azurite exited before listening."));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new AzuriteServer(process, await listening.Task.WaitAsync(TimeSpan.FromSeconds(60)));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process.Dispose();
    }

    private static async Task RunAsync(string file, string arguments, string folder, TimeSpan timeout)
    {
        using var install = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{file} did not start.");
        var output = install.StandardOutput.ReadToEndAsync();
        var error = install.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await install.WaitForExitAsync(cancel.Token);
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' failed ({install.ExitCode}): {await error}{await output}");
        }
    }
}
