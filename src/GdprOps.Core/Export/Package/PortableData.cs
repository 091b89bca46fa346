using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using GdprOps.Detection;
using GdprOps.Model;

namespace GdprOps.Export.Package;

/// <summary>
/// my-data.json (GDPR Art. 20, portability): the structured records among the exported items that are the person's —
/// CSV/TSV rows and JSON objects that name them — gathered into one machine-readable file, each with the package file it
/// came from and where in it (row number, JSON path). Rows about other people stay out. Nothing is inferred: values are
/// copied as they stand, field names as the source wrote them.
/// </summary>
public sealed class PortableData
{
    public const string FileName = "my-data.json";
    public const string Format = "gdprops-portable/1";

    /// <summary>A JSON item larger than this is not parsed for records (it is still exported whole).</summary>
    public const long MaxJsonBytes = 64L * 1024 * 1024;

    private readonly SubjectMatcher _subject;
    private readonly List<Record> _records = new();

    public PortableData(SubjectProfile subject) => _subject = new SubjectMatcher(subject ?? throw new ArgumentNullException(nameof(subject)));

    /// <summary>my-data.json holds at most this many records (it is written from memory); past it a file is named in <see cref="Skipped"/>.</summary>
    public const int MaxRecords = 200_000;

    public int Count => _records.Count;

    /// <summary>Files that could not be read for records, with the reason (they are still in the package).</summary>
    public List<(string File, string Reason)> Skipped { get; } = new();

    /// <summary>Reads one exported item's records, by its extension; other formats are left alone.</summary>
    public void Add(string path, string packageFile)
    {
        string extension = Path.GetExtension(packageFile).ToLowerInvariant();
        try
        {
            switch (extension)
            {
                case ".csv":
                case ".tsv":
                    AddCsv(path, packageFile);
                    break;
                case ".json":
                    AddJson(path, packageFile);
                    break;
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or CsvHelper.CsvFormatException or FormatException or InvalidOperationException)
        {
            Skipped.Add((packageFile, ex is JsonException ? "not valid JSON" : ex.GetType().Name));
        }
    }

    /// <summary>Writes my-data.json (owner-only).</summary>
    public void Write(string path, string? caseId)
    {
        using var stream = OwnerOnly.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", Format);
        if (caseId is not null)
        {
            json.WriteString("caseId", caseId);
        }

        json.WriteString("createdUtc", DateTimeOffset.UtcNow);
        json.WriteStartArray("records");
        foreach (var record in _records)
        {
            json.WriteStartObject();
            json.WriteString("source", record.File);
            json.WriteString("at", record.Where);
            json.WritePropertyName("data");
            record.Write(json);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private void AddCsv(string path, string packageFile)
    {
        using var stream = File.OpenRead(path);
        using var csv = CsvHelper.CsvReader.Create(stream, new CsvHelper.CsvReaderOptions { DetectSeparatorHint = true, IncludeValuesInExceptions = false }, false);
        var headers = csv.Headers.Select((h, i) => string.IsNullOrWhiteSpace(h) ? "column" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : h.Trim().TrimStart('\uFEFF')).ToList();
        int row = 1;
        while (csv.Read())
        {
            row++;
            var values = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i) ?? string.Empty).ToList();
            if (_subject.Match(string.Join("\n", values)).Count == 0)
            {
                continue;
            }

            var fields = new List<(string, string)>();
            for (int i = 0; i < values.Count; i++)
            {
                fields.Add((i < headers.Count ? headers[i] : "column" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), values[i]));
            }

            if (_records.Count >= MaxRecords)
            {
                Skipped.Add((packageFile, $"more than {MaxRecords} records in all: from row {row} on not gathered"));
                return;
            }

            _records.Add(Record.FromFields(packageFile, "row " + row.ToString(System.Globalization.CultureInfo.InvariantCulture), fields));
        }
    }

    private void AddJson(string path, string packageFile)
    {
        if (new FileInfo(path).Length > MaxJsonBytes)
        {
            Skipped.Add((packageFile, $"larger than {MaxJsonBytes / 1048576} MB"));
            return;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        Visit(document.RootElement, "$", packageFile, 0);
    }

    /// <summary>Objects in arrays (a list of customers, orders ...) are records; a record is the person's when its values name them.</summary>
    private void Visit(JsonElement element, string where, string packageFile, int depth)
    {
        if (depth > 8)
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                int index = 0;
                foreach (var child in element.EnumerateArray())
                {
                    string at = where + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
                    if (child.ValueKind == JsonValueKind.Object && _subject.Match(ValuesOf(child)).Count > 0)
                    {
                        if (_records.Count >= MaxRecords)
                        {
                            Skipped.Add((packageFile, $"more than {MaxRecords} records in all: from {at} on not gathered"));
                            return;
                        }

                        _records.Add(Record.FromJson(packageFile, at, child));
                    }
                    else if (child.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
                    {
                        Visit(child, at, packageFile, depth + 1);
                    }

                    index++;
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Visit(property.Value, where + "." + property.Name, packageFile, depth + 1);
                }

                if (depth == 0 && _subject.Match(ValuesOf(element)).Count > 0 && _records.All(r => r.File != packageFile))
                {
                    // A document that is one record (a profile export): the whole object.
                    _records.Add(Record.FromJson(packageFile, where, element));
                }

                break;
        }
    }

    private static string ValuesOf(JsonElement element)
    {
        var text = new StringBuilder();
        Collect(element, text);
        return text.ToString();

        static void Collect(JsonElement e, StringBuilder sb)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        Collect(p.Value, sb);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var c in e.EnumerateArray())
                    {
                        Collect(c, sb);
                    }

                    break;
                case JsonValueKind.String:
                    sb.Append(e.GetString()).Append('\n');
                    break;
                case JsonValueKind.Number:
                    sb.Append(e.GetRawText()).Append('\n');
                    break;
            }
        }
    }

    private sealed class Record
    {
        private List<(string Name, string Value)>? _fields;
        private string? _json;

        public string File { get; private set; } = string.Empty;

        public string Where { get; private set; } = string.Empty;

        public static Record FromFields(string file, string where, List<(string, string)> fields) => new() { File = file, Where = where, _fields = fields };

        public static Record FromJson(string file, string where, JsonElement value) => new() { File = file, Where = where, _json = value.GetRawText() };

        public void Write(Utf8JsonWriter json)
        {
            if (_json is not null)
            {
                using var document = JsonDocument.Parse(_json);
                document.RootElement.WriteTo(json);
                return;
            }

            json.WriteStartObject();
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, value) in _fields!)
            {
                string key = name;
                for (int n = 2; !used.Add(key); n++)
                {
                    key = name + " (" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
                }

                json.WriteString(key, value);
            }

            json.WriteEndObject();
        }
    }
}
