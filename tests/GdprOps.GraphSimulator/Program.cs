using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.GraphSimulator.Generation;
using GdprOps.GraphSimulator.Model;

namespace GdprOps.GraphSimulator;

/// <summary>
/// Standalone: dotnet run --project tests/GdprOps.GraphSimulator -- --port 5080 --users 50 --seed 7
/// Prints the base URL and serves until Ctrl+C.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        return await RunAsync(args, Console.Out, Console.Error, stop.Token).ConfigureAwait(false);
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var spec = new TenantSpec();
        int port = 0;
        int latency = 0;
        string? truthPath = null;
        var named = new System.Collections.Generic.List<string>();
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i];
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
                int Number() => int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture);
                switch (name)
                {
                    case "--port": port = Number(); break;
                    case "--users": spec = spec with { Users = Number() }; break;
                    case "--shared": spec = spec with { SharedMailboxes = Number() }; break;
                    case "--messages": spec = spec with { MessagesPerMailbox = Number() }; break;
                    case "--files": spec = spec with { FilesPerDrive = Number() }; break;
                    case "--seed": spec = spec with { Seed = Number() }; break;
                    case "--latency-ms": latency = Number(); break;
                    case "--truth": truthPath = Value(); break;
                    case "--domain": spec = spec with { Domain = Value() }; break;
                    case "--named-users": named.AddRange(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                    case "--help" or "-h":
                        output.WriteLine("GdprOps Graph simulator: --port N --users N --shared N --messages N --files N --seed N --latency-ms N --truth FILE --domain contoso.com --named-users anna,hr");
                        return 0;
                    default:
                        throw new ArgumentException($"Unknown option '{name}'.");
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            error.WriteLine(e.Message);
            return 2;
        }

        var (tenant, truth) = TenantGenerator.Generate(spec);
        // Users the documentation's examples name (anna@contoso.com ...), with mailbox and OneDrive, so they run here.
        foreach (string alias in named)
        {
            tenant.AddUser(alias, char.ToUpperInvariant(alias[0]) + alias[1..], MailboxKind.User, withDrive: true, created: spec.Now.AddYears(-1));
        }
        await using var server = await GraphSimulatorServer.StartAsync(tenant, port, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        server.Faults.Latency = TimeSpan.FromMilliseconds(latency);
        server.RequireAuthorization = true;
        if (truthPath is not null)
        {
            truth.WriteTo(truthPath);
        }

        output.WriteLine(server.BaseUrl);
        output.WriteLine($"tenant {tenant.TenantId}: {tenant.Users.Count} users, {tenant.Drives.Count} drives, {truth.Items.Count} planted items (seed {spec.Seed})");
        output.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }
}
