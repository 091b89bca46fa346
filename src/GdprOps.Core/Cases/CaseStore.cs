using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using GdprOps.Json;

namespace GdprOps.Cases;

/// <summary>
/// Case files in one folder, one JSON file per case (<c>CASEID.json</c>). Every write goes to a temporary file in the
/// same folder that then replaces the case file in one rename, so a reader sees the old case or the new one and a
/// crash never leaves half a file. A change is read, applied and written while holding the case's lock file, so two
/// runs changing one case (a scheduled task and a DPO at the console) both land, one after the other.
/// </summary>
public sealed class CaseStore
{
    private static readonly Regex ValidId = new("^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$", RegexOptions.CultureInvariant);

    // Names Windows keeps for devices, with or without an extension: a case file must be writable on every system.
    private static readonly Regex DeviceName = new(@"^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private readonly TimeSpan _lockTimeout;

    public CaseStore(string folder, TimeSpan? lockTimeout = null)
    {
        Folder = System.IO.Path.GetFullPath(folder);
        _lockTimeout = lockTimeout ?? TimeSpan.FromSeconds(30);
    }

    public string Folder { get; }

    /// <summary>GDPROPS_CASES, else the user's local application data (GdprOps/cases): the folder cases go to unless one is named.</summary>
    public static string DefaultFolder() =>
        Environment.GetEnvironmentVariable("GDPROPS_CASES") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "GdprOps", "cases");

    /// <summary>Throws unless <paramref name="caseId"/> is 1-80 letters, digits, '.', '_' or '-' starting with a letter or digit (it names a file).</summary>
    public static string CheckId(string? caseId)
    {
        if (caseId is null || !ValidId.IsMatch(caseId) || DeviceName.IsMatch(caseId))
        {
            throw new GdprOpsException(ErrorIds.CaseIdInvalid, ErrorKind.InvalidArgument,
                "A case id is 1 to 80 letters, digits, '.', '_' or '-', starting with a letter or digit and not a device name such as CON (for example DSAR-2026-0042).");
        }

        return caseId;
    }

    /// <summary>A new id when the user gives none: DSAR-yyyyMMdd-NNN, the next number free that day.</summary>
    public string NextId(DateTime received)
    {
        string prefix = "DSAR-" + received.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "-";
        for (int n = 1; ; n++)
        {
            string id = prefix + n.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
            if (!File.Exists(PathOf(id)))
            {
                return id;
            }
        }
    }

    public string PathOf(string caseId) => System.IO.Path.Combine(Folder, CheckId(caseId) + ".json");

    /// <summary>Writes a new case; refuses when a case with that id exists (the existing one is never overwritten).</summary>
    public GdprCase Create(GdprCase newCase)
    {
        CheckId(newCase.CaseId);
        Directory.CreateDirectory(Folder);
        using (Lock(newCase.CaseId))
        {
            string path = PathOf(newCase.CaseId);
            if (File.Exists(path))
            {
                throw new GdprOpsException(ErrorIds.CaseExists, ErrorKind.InvalidArgument, $"A case {newCase.CaseId} already exists in {Folder}; change it with Set-GdprCase.");
            }

            newCase.Created = newCase.Modified = DateTimeOffset.UtcNow;
            newCase.Revision = 1;
            Write(path, newCase);
            return newCase;
        }
    }

    public GdprCase Get(string caseId)
    {
        string path = PathOf(caseId);
        if (!File.Exists(path))
        {
            throw new GdprOpsException(ErrorIds.CaseNotFound, ErrorKind.NotFound, $"There is no case {caseId} in {Folder}.");
        }

        return Read(path);
    }

    /// <summary>Every case in the folder, by id. A file that is not a case is reported through <paramref name="unreadable"/>, not skipped silently.</summary>
    public IReadOnlyList<GdprCase> List(Action<string, GdprOpsException>? unreadable = null)
    {
        if (!Directory.Exists(Folder))
        {
            return Array.Empty<GdprCase>();
        }

        var cases = new List<GdprCase>();
        foreach (string path in Directory.EnumerateFiles(Folder, "*.json").OrderBy(p => p, StringComparer.OrdinalIgnoreCase))
        {
            try
            {
                cases.Add(Read(path));
            }
            catch (GdprOpsException ex) when (unreadable is not null)
            {
                unreadable(path, ex);
            }
        }

        return cases;
    }

    /// <summary>Reads the case, applies <paramref name="change"/> and writes it back, all under the case's lock.</summary>
    public GdprCase Update(string caseId, Action<GdprCase> change)
    {
        using (Lock(caseId))
        {
            var current = Get(caseId);
            change(current);
            current.CaseId = caseId;
            current.Modified = DateTimeOffset.UtcNow;
            current.Revision++;
            Write(PathOf(caseId), current);
            return current;
        }
    }

    /// <summary>A case file is a few hundred bytes; anything this large in the folder is not one and is not read.</summary>
    public const long MaxCaseFileBytes = 1024 * 1024;

    private static GdprCase Read(string path)
    {
        GdprCase? read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > MaxCaseFileBytes)
            {
                throw new GdprOpsException(ErrorIds.CaseFileInvalid, ErrorKind.InvalidData, $"The case file {path} is not a GdprOps case (larger than {MaxCaseFileBytes / 1024} KB).");
            }

            read = JsonSerializer.Deserialize(stream, CoreJson.Indented.Info<GdprCase>());
        }
        catch (JsonException ex)
        {
            throw new GdprOpsException(ErrorIds.CaseFileInvalid, ErrorKind.InvalidData, $"The case file {path} is not a GdprOps case (line {(ex.LineNumber ?? 0) + 1}).", ex);
        }
        catch (IOException ex)
        {
            throw new GdprOpsException(ErrorIds.CaseFileInvalid, ErrorKind.ReadError, $"The case file {path} could not be read: {ex.Message}", ex);
        }

        if (read is null || read.Format != GdprCase.FormatVersion || read.CaseId.Length == 0)
        {
            throw new GdprOpsException(ErrorIds.CaseFileInvalid, ErrorKind.InvalidData, $"The case file {path} is not a GdprOps case ({GdprCase.FormatVersion}).");
        }

        return read;
    }

    private void Write(string path, GdprCase value)
    {
        string temp = System.IO.Path.Combine(Folder, "." + System.IO.Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, value, CoreJson.Indented.Info<GdprCase>());
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(path))
            {
                File.Replace(temp, path, null);
            }
            else
            {
                File.Move(temp, path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new GdprOpsException(ErrorIds.CaseWriteFailed, ErrorKind.WriteError, $"The case file {path} could not be written: {ex.Message}", ex);
        }
    }

    /// <summary>The case's lock: a hidden file held open without sharing; another run waits for it (up to the timeout), then gives up with CaseBusy.</summary>
    private IDisposable Lock(string caseId)
    {
        Directory.CreateDirectory(Folder);
        string path = System.IO.Path.Combine(Folder, "." + CheckId(caseId) + ".lock");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // Never deleted: removing a lock file another run has just opened would let a third take a second lock.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (waited.Elapsed < _lockTimeout)
            {
                Thread.Sleep(15);
            }
            catch (IOException ex)
            {
                throw new GdprOpsException(ErrorIds.CaseBusy, ErrorKind.ResourceUnavailable, $"Case {caseId} is being changed by another run (its lock {path} was held for {_lockTimeout.TotalSeconds:0} s).", ex);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
