using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace GdprOps.Audit;

/// <summary>
/// The hash-chained audit log: one JSON line per export, removal or retention run, each carrying the SHA-256
/// of the line before it, so a deleted, inserted or edited line is detectable. The first line is a header with
/// the log's salt for subject hashes. Appends take an exclusive lock on the file (retrying while another
/// process holds it), read the last line and write the new one in one flushed write.
/// </summary>
public sealed class AuditLog
{
    public const string Version = "gdprops-audit/1";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    public AuditLog(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }

    /// <summary>
    /// The default log: GDPROPS_AUDIT_LOG if set; else per machine (ProgramData\GdprOps on Windows,
    /// /var/lib/gdprops where writable), else the user's local application data.
    /// </summary>
    public static string DefaultPath()
    {
        if (Environment.GetEnvironmentVariable("GDPROPS_AUDIT_LOG") is { Length: > 0 } configured)
        {
            return configured;
        }

        string machine = Environment.OSVersion.Platform == PlatformID.Win32NT
            ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "GdprOps")
            : "/var/lib/gdprops";
        if (IsWritable(machine))
        {
            return System.IO.Path.Combine(machine, "audit.log");
        }

        return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "GdprOps", "audit.log");
    }

    /// <summary>Appends one entry and returns the line's sequence number.</summary>
    public long Append(AuditEntry entry)
    {
        string? folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var stream = OpenExclusive();
        var (lastLine, lineCount) = ReadTail(stream);
        string salt;
        if (lastLine is null)
        {
            salt = Convert.ToBase64String(RandomBytes(16));
            var header = Serialize(new Dictionary<string, object?>
            {
                ["type"] = "header",
                ["version"] = Version,
                ["created"] = DateTimeOffset.UtcNow.ToString("o"),
                ["machine"] = Environment.MachineName,
                ["salt"] = salt,
            });
            Write(stream, header);
            lastLine = header;
            lineCount = 1;
        }
        else
        {
            salt = ReadSalt(stream);
        }

        long sequence = lineCount;
        string line = Serialize(new Dictionary<string, object?>
        {
            ["type"] = "entry",
            ["seq"] = sequence,
            ["time"] = DateTimeOffset.UtcNow.ToString("o"),
            ["action"] = entry.Action,
            ["command"] = entry.Command,
            ["caseId"] = entry.CaseId,
            ["operator"] = entry.SignedInAs,
            ["osUser"] = Environment.UserDomainName is { Length: > 0 } domain && domain != Environment.MachineName ? domain + "\\" + Environment.UserName : Environment.UserName,
            ["machine"] = Environment.MachineName,
            ["ipAddresses"] = IpAddresses(),
            ["subjectHash"] = entry.SubjectIdentifiers.Count == 0 ? null : SubjectHash(salt, entry.SubjectIdentifiers),
            ["scope"] = entry.Scope,
            ["counts"] = entry.Counts,
            ["outcome"] = entry.Outcome,
            ["prev"] = Hash(lastLine),
        });
        Write(stream, line);
        stream.Flush(flushToDisk: true);
        return sequence;
    }

    /// <summary>Reads every entry (not the header), oldest first.</summary>
    public IReadOnlyList<AuditRecord> Read()
    {
        if (!File.Exists(Path))
        {
            return Array.Empty<AuditRecord>();
        }

        var records = new List<AuditRecord>();
        foreach (string line in ReadLines())
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (Text(root, "type") != "entry")
            {
                continue;
            }

            records.Add(new AuditRecord
            {
                Sequence = root.TryGetProperty("seq", out var seq) ? seq.GetInt64() : 0,
                Time = DateTimeOffset.Parse(Text(root, "time"), System.Globalization.CultureInfo.InvariantCulture),
                Action = Text(root, "action"),
                Command = Text(root, "command"),
                CaseId = Text(root, "caseId"),
                Operator = Text(root, "operator"),
                OsUser = Text(root, "osUser"),
                Machine = Text(root, "machine"),
                IpAddresses = root.TryGetProperty("ipAddresses", out var ips) && ips.ValueKind == JsonValueKind.Array ? string.Join(";", ips.EnumerateArray().Select(i => i.GetString())) : string.Empty,
                SubjectHash = Text(root, "subjectHash"),
                Scope = Text(root, "scope"),
                Counts = root.TryGetProperty("counts", out var counts) && counts.ValueKind == JsonValueKind.Object ? string.Join(";", counts.EnumerateObject().Select(c => c.Name + "=" + c.Value.ToString())) : string.Empty,
                Outcome = Text(root, "outcome"),
                PreviousHash = Text(root, "prev"),
            });
        }

        return records;
    }

    /// <summary>Checks the chain: every entry's prev must be the SHA-256 of the line before it, sequences consecutive.</summary>
    public AuditVerification Verify()
    {
        if (!File.Exists(Path))
        {
            return new AuditVerification { Path = Path, Valid = false, Reason = "The audit log does not exist." };
        }

        string? previous = null;
        int number = 0;
        int entries = 0;
        foreach (string line in ReadLines())
        {
            number++;
            JsonElement root;
            try
            {
                using var json = JsonDocument.Parse(line);
                root = json.RootElement.Clone();
            }
            catch (JsonException)
            {
                return Broken(number, entries, "The line is not valid JSON.");
            }

            if (number == 1)
            {
                if (Text(root, "type") != "header" || Text(root, "version") != Version)
                {
                    return Broken(number, entries, "The first line is not a GdprOps audit log header.");
                }
            }
            else
            {
                if (Text(root, "type") != "entry")
                {
                    return Broken(number, entries, "A header in the middle of the log.");
                }

                if (!string.Equals(Text(root, "prev"), Hash(previous!), StringComparison.Ordinal))
                {
                    return Broken(number, entries, "The hash of the previous line does not match: a line before it was edited, removed or inserted.");
                }

                if (!root.TryGetProperty("seq", out var seq) || seq.GetInt64() != number - 1)
                {
                    return Broken(number, entries, "The sequence number is out of order.");
                }

                entries++;
            }

            previous = line;
        }

        return number == 0
            ? Broken(1, 0, "The audit log is empty.")
            : new AuditVerification { Path = Path, Valid = true, Entries = entries };
    }

    /// <summary>The salted SHA-256 of a subject's identifiers, as written in the log (lets a DPO look up a person later).</summary>
    public string SubjectHashFor(IEnumerable<string> identifiers)
    {
        string? first = File.Exists(Path) ? ReadLines().FirstOrDefault() : null;
        if (first is null)
        {
            throw new GdprOpsException(ErrorIds.AuditLogInvalid, ErrorKind.NotFound, "The audit log does not exist yet.");
        }

        using var header = JsonDocument.Parse(first);
        return SubjectHash(Text(header.RootElement, "salt"), identifiers.ToList());
    }

    private static string SubjectHash(string salt, IReadOnlyList<string> identifiers)
    {
        string joined = salt + "\n" + string.Join("\n", identifiers.Select(i => i.Trim().ToLowerInvariant()).OrderBy(i => i, StringComparer.Ordinal));
        return HexHash(Encoding.UTF8.GetBytes(joined));
    }

    private AuditVerification Broken(int line, int entries, string reason) =>
        new() { Path = Path, Valid = false, FirstBrokenLine = line, Entries = entries, Reason = reason };

    private IEnumerable<string> ReadLines()
    {
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }

    private FileStream OpenExclusive()
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline && File.Exists(Path))
            {
                // Another process is appending: wait a little and try again.
                Thread.Sleep(20);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new GdprOpsException(ErrorIds.AuditLogWriteFailed, ErrorKind.WriteError, $"The audit log could not be opened for writing: {ex.Message}", ex);
            }
        }
    }

    /// <summary>The last complete line and the number of lines; a torn last write (no newline) is refused.</summary>
    private static (string? LastLine, long Count) ReadTail(FileStream stream)
    {
        if (stream.Length == 0)
        {
            return (null, 0);
        }

        stream.Position = 0;
        using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 4096, leaveOpen: true);
        string? last = null;
        long count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                last = line;
                count++;
            }
        }

        stream.Position = stream.Length - 1;
        if (stream.ReadByte() != '\n')
        {
            throw new GdprOpsException(ErrorIds.AuditLogInvalid, ErrorKind.InvalidData,
                "The audit log ends in an incomplete line (a write was cut off). Run Test-GdprAuditLog and keep the file as evidence before repairing it.");
        }

        stream.Position = stream.Length;
        return (last, count);
    }

    private static string ReadSalt(FileStream stream)
    {
        stream.Position = 0;
        using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 4096, leaveOpen: true);
        string first = reader.ReadLine() ?? string.Empty;
        stream.Position = stream.Length;
        using var header = JsonDocument.Parse(first);
        return Text(header.RootElement, "salt");
    }

    private static void Write(FileStream stream, string line)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line + "\n");
        stream.Position = stream.Length;
        stream.Write(bytes, 0, bytes.Length);
    }

    private static string Serialize(Dictionary<string, object?> values) => JsonSerializer.Serialize(values);

    private static string Hash(string line) => HexHash(Encoding.UTF8.GetBytes(line));

    private static string HexHash(byte[] bytes)
    {
        using var sha = SHA256.Create();
        return string.Concat(sha.ComputeHash(bytes).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        using var random = RandomNumberGenerator.Create();
        random.GetBytes(bytes);
        return bytes;
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;

    private static string[] IpAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 && !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal)
                .Select(a => a.ToString())
                .Distinct()
                .ToArray();
        }
        catch (NetworkInformationException)
        {
            return Array.Empty<string>();
        }
    }

    private static bool IsWritable(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            string probe = System.IO.Path.Combine(folder, ".gdprops-write-test");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
