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
using GdprOps.Json;

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

    /// <param name="path">The log file.</param>
    /// <param name="anchorPath">
    /// Where every append also writes the log's tip (sequence and hash of the last line), so a cut-off tail or an
    /// edited last line is detectable; default: the log's path + ".anchor". Point it at storage the log's writers
    /// cannot rewrite (another share, a write-once location) for a stronger guarantee.
    /// </param>
    public AuditLog(string path, string? anchorPath = null)
    {
        Path = System.IO.Path.GetFullPath(path);
        AnchorPath = System.IO.Path.GetFullPath(anchorPath ?? path + ".anchor");
    }

    public string Path { get; }

    public string AnchorPath { get; }

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
        // Only probes: reading or testing the log never creates folders (the first append does).
        if (Directory.Exists(machine) ? IsWritable(machine) : System.IO.Path.GetDirectoryName(machine) is { } parent && Directory.Exists(parent) && IsWritable(parent))
        {
            return System.IO.Path.Combine(machine, "audit.log");
        }

        return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "GdprOps", "audit.log");
    }

    /// <summary>
    /// Appends one entry, flushed to disk, and returns the line's sequence number. Only the log's first and last lines
    /// are read (not the whole file). Anything that stops the line from being written (a torn last line, no
    /// permission, a folder in the way, a full disk) is a <see cref="GdprOpsException"/>: callers that act on data
    /// stop before acting.
    /// </summary>
    public long Append(AuditEntry entry)
    {
        try
        {
            string? folder = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            using var stream = OpenExclusive();
            var (lastLine, lastSequence) = ReadTail(stream);
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
                lastSequence = 0;
            }
            else
            {
                salt = ReadSalt(stream);
            }

            long sequence = lastSequence + 1;
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
                // Written as a Dictionary<string, long> whatever the caller's dictionary is (the JSON metadata is generated per type).
                ["counts"] = entry.Counts as Dictionary<string, long> ?? entry.Counts.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                ["outcome"] = entry.Outcome,
                ["prev"] = Hash(lastLine),
            });
            Write(stream, line);
            stream.Flush(flushToDisk: true);
            WriteAnchor(sequence, Hash(line));
            return sequence;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            throw new GdprOpsException(ErrorIds.AuditLogWriteFailed, ErrorKind.WriteError, $"The audit log could not be written ({ex.GetType().Name}: {ex.Message}). Nothing more is done until it can be.", ex);
        }
    }

    /// <summary>
    /// Proves, without writing a line, that an append could be made now: the folder exists or can be made, the log
    /// opens for writing and its last line is whole. Destructive runs call it before they act, so an unwritable log
    /// stops them before anything is touched.
    /// </summary>
    public void EnsureWritable()
    {
        try
        {
            string? folder = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            bool existed = File.Exists(Path);
            using (var stream = OpenExclusive())
            {
                ReadTail(stream);
            }

            if (!existed && new FileInfo(Path).Length == 0)
            {
                File.Delete(Path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            throw new GdprOpsException(ErrorIds.AuditLogWriteFailed, ErrorKind.WriteError, $"The audit log cannot be written ({ex.GetType().Name}: {ex.Message}): nothing was done.", ex);
        }
    }

    /// <summary>The log's tip as the anchor recorded it ("seq:hash"), or null when there is no anchor.</summary>
    public string? ReadAnchor()
    {
        if (!File.Exists(AnchorPath))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(AnchorPath));
            return json.RootElement.GetProperty("seq").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + Text(json.RootElement, "hash");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return "unreadable";
        }
    }

    private void WriteAnchor(long sequence, string hash)
    {
        string temp = AnchorPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, Serialize(new Dictionary<string, object?> { ["seq"] = sequence, ["hash"] = hash, ["log"] = Path, ["time"] = DateTimeOffset.UtcNow.ToString("o") }));
#if NET
        File.Move(temp, AnchorPath, overwrite: true);
#else
        if (File.Exists(AnchorPath))
        {
            File.Replace(temp, AnchorPath, null);
        }
        else
        {
            File.Move(temp, AnchorPath);
        }
#endif
    }

    /// <summary>Reads every entry (not the header), oldest first.</summary>
    public IReadOnlyList<AuditRecord> Read()
    {
        if (!File.Exists(Path))
        {
            return Array.Empty<AuditRecord>();
        }

        var records = new List<AuditRecord>();
        int number = 0;
        foreach (string line in ReadLines())
        {
            number++;
            using var json = ParseLine(line, number);
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

    private static JsonDocument ParseLine(string line, int number)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new GdprOpsException(ErrorIds.AuditLogInvalid, ErrorKind.InvalidData,
                $"Line {number} of the audit log is not a complete JSON line (a write was cut off, or the line was edited). Run Test-GdprAuditLog and keep the file as evidence.", ex);
        }
    }

    /// <summary>
    /// Checks the chain: every entry's prev must be the SHA-256 of the line before it and sequences consecutive, and
    /// the last line must be the tip the anchor recorded (and <paramref name="expectedTip"/>, "seq:hash", when given),
    /// so a cut-off tail or an edited last line is caught too. The broken line named is the edited one itself.
    /// </summary>
    public AuditVerification Verify(string? expectedTip = null)
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

                if (!root.TryGetProperty("seq", out var seq) || seq.ValueKind != JsonValueKind.Number || seq.GetInt64() != number - 1)
                {
                    return Broken(number, entries, "The sequence number is out of order: a line before it was removed or inserted, or this line was edited.");
                }

                if (!string.Equals(Text(root, "prev"), Hash(previous!), StringComparison.Ordinal))
                {
                    // The numbering is intact, so the line before no longer hashes to what this line recorded: it was edited.
                    return Broken(number - 1, Math.Max(0, entries - 1), $"Line {number - 1} was edited: line {number} recorded a different hash of it.");
                }

                entries++;
            }

            previous = line;
        }

        if (number == 0)
        {
            return Broken(1, 0, "The audit log is empty.");
        }

        string tip = (number - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + Hash(previous!);
        foreach (var (expected, what) in new[] { (ReadAnchor(), "the anchor (" + AnchorPath + ")"), (expectedTip, "the expected tip") })
        {
            if (expected is null || string.Equals(expected.Trim(), tip, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            int colon = expected.IndexOf(':');
            if (colon <= 0 || !long.TryParse(expected.Substring(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long anchored))
            {
                return Broken(number, entries, $"{what} cannot be read, so the end of the log cannot be confirmed.", tip);
            }

            if (anchored > number - 1)
            {
                return Broken(number + 1, entries, $"The log ends at entry {number - 1} but {what} records entry {anchored}: its tail was cut off.", tip);
            }

            if (anchored == number - 1)
            {
                return Broken(number, Math.Max(0, entries - 1), $"Line {number} was edited: its hash differs from the one {what} records.", tip);
            }

            return Broken((int)anchored + 2, entries, $"Lines after entry {anchored} are not covered by {what}: they were added without GdprOps, or the anchor was replaced by an older copy.", tip);
        }

        return new AuditVerification { Path = Path, Valid = true, Entries = entries, Tip = tip, Anchored = File.Exists(AnchorPath) };
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

    private AuditVerification Broken(int line, int entries, string reason, string? tip = null) =>
        new() { Path = Path, Valid = false, FirstBrokenLine = line, Entries = entries, Reason = reason, Tip = tip ?? string.Empty, Anchored = File.Exists(AnchorPath) };

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

        }
    }

    /// <summary>
    /// The last complete line and its sequence number (0 for the header), read backwards from the end so an append
    /// costs the same on a 150 MB log as on a new one; a torn last write (no newline) is refused.
    /// </summary>
    private static (string? LastLine, long Sequence) ReadTail(FileStream stream)
    {
        if (stream.Length == 0)
        {
            return (null, 0);
        }

        stream.Position = stream.Length - 1;
        if (stream.ReadByte() != '\n')
        {
            throw new GdprOpsException(ErrorIds.AuditLogInvalid, ErrorKind.InvalidData,
                "The audit log ends in an incomplete line (a write was cut off). Run Test-GdprAuditLog and keep the file as evidence before repairing it.");
        }

        // Walk back over blocks until the newline before the last line (or the start of the file) is found.
        long end = stream.Length - 1;
        while (end > 0 && ByteAt(stream, end - 1) == '\n')
        {
            end--;
        }

        var block = new byte[64 * 1024];
        long start = end;
        bool found = false;
        while (start > 0 && !found)
        {
            int size = (int)Math.Min(block.Length, start);
            stream.Position = start - size;
            ReadExactly(stream, block, size);
            for (int i = size - 1; i >= 0; i--)
            {
                if (block[i] == '\n')
                {
                    start = start - size + i + 1;
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                start -= size;
            }
        }

        var lineBytes = new byte[end - start];
        stream.Position = start;
        ReadExactly(stream, lineBytes, lineBytes.Length);
        string line = Encoding.UTF8.GetString(lineBytes);
        stream.Position = stream.Length;
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            long sequence = Text(root, "type") == "header" ? 0
                : root.TryGetProperty("seq", out var seq) && seq.ValueKind == JsonValueKind.Number ? seq.GetInt64()
                : throw new JsonException("no sequence number");
            return (line, sequence);
        }
        catch (JsonException ex)
        {
            throw new GdprOpsException(ErrorIds.AuditLogInvalid, ErrorKind.InvalidData,
                "The audit log's last line is not a GdprOps entry (edited or damaged). Run Test-GdprAuditLog and keep the file as evidence before repairing it.", ex);
        }
    }

    private static int ByteAt(FileStream stream, long position)
    {
        stream.Position = position;
        return stream.ReadByte();
    }

    private static void ReadExactly(FileStream stream, byte[] buffer, int count)
    {
        int read = 0;
        while (read < count)
        {
            int n = stream.Read(buffer, read, count - read);
            if (n == 0)
            {
                throw new EndOfStreamException("The audit log changed while it was read.");
            }

            read += n;
        }
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

    private static string Serialize(Dictionary<string, object?> values) => JsonSerializer.Serialize(values, CoreJson.Compact.Info<Dictionary<string, object?>>());

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
