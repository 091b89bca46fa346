using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using GdprOps.Model;

namespace GdprOps.Subjects;

/// <summary>
/// Loads a subject profile from a JSON file:
/// <code>
/// { "caseId": "DSAR-2026-0042", "names": ["Søren Østergaard"], "emails": ["soeren@nordlys.example"],
///   "phones": ["+45 20 12 34 56"], "nationalIds": ["DK_CPR:010190-1234"], "otherIds": ["C-10023"],
///   "allowInitials": false }
/// </code>
/// Every list may also be a single string. Unknown properties are an error, so a typo never silently
/// narrows a search.
/// </summary>
public static class SubjectProfileFile
{
    private static readonly string[] Known = { "caseId", "names", "emails", "phones", "nationalIds", "otherIds", "allowInitials", "$schema" };

    public static SubjectProfile Load(string path, DateTime? today = null)
    {
        CheckExists(path);
        using var stream = File.OpenRead(path);
        return Load(stream, path, today);
    }

    /// <summary>Throws SubjectProfileFileNotFound unless <paramref name="path"/> is an existing file (a case names its subject by this path).</summary>
    public static string CheckExists(string path)
    {
        if (!File.Exists(path))
        {
            throw new GdprOpsException(ErrorIds.SubjectProfileFileNotFound, ErrorKind.NotFound, $"The subject profile file '{path}' does not exist.");
        }

        return path;
    }

    public static SubjectProfile Load(Stream stream, string displayName, DateTime? today = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw Invalid(displayName, $"it is not valid JSON (line {(ex.LineNumber ?? 0) + 1})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(displayName, "the top level must be an object");
            }

            var builder = new SubjectProfileBuilder(today);
            var duplicate = root.EnumerateObject().GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw Invalid(displayName, $"the property '{duplicate.Key}' appears more than once; only one may stand");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (Array.FindIndex(Known, k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase)) < 0)
                {
                    throw Invalid(displayName, $"the property '{property.Name}' is unknown (known: {string.Join(", ", Known, 0, Known.Length - 1)})");
                }
            }

            builder.CaseId = String(root, "caseId", displayName);
            builder.AllowInitials = Bool(root, "allowInitials", displayName);
            builder.AddNames(List(root, "names", displayName))
                .AddEmails(List(root, "emails", displayName))
                .AddPhones(List(root, "phones", displayName))
                .AddNationalIds(List(root, "nationalIds", displayName))
                .AddOtherIds(List(root, "otherIds", displayName));
            return builder.Build();
        }
    }

    private static bool TryGet(JsonElement root, string name, out JsonElement value)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string? String(JsonElement root, string name, string file)
    {
        if (!TryGet(root, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Invalid(file, $"'{name}' must be a string");
    }

    private static bool Bool(JsonElement root, string name, string file)
    {
        if (!TryGet(root, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(file, $"'{name}' must be true or false"),
        };
    }

    private static List<string> List(JsonElement root, string name, string file)
    {
        var list = new List<string>();
        if (!TryGet(root, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return list;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            list.Add(value.GetString()!);
            return list;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(file, $"'{name}' must be a string or an array of strings");
        }

        foreach (var item in value.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Invalid(file, $"'{name}' must hold only strings"));
        }

        return list;
    }

    private static GdprOpsException Invalid(string file, string problem, Exception? inner = null) =>
        new(ErrorIds.SubjectProfileFileInvalid, ErrorKind.InvalidData, $"The subject profile file '{file}' is invalid: {problem}.", inner);
}
