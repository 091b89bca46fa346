using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace GdprOps.Export.Package;

/// <summary>
/// What the controller tells every person who asks for their data (GDPR Art. 15(1) and (2)), filled in once by the DPO
/// and read by Export-SubjectData -ControllerProfile into the cover letter:
/// <code>
/// { "controller": "Nordlys ApS, Havnegade 1, 8000 Aarhus", "dpoContact": "dpo@nordlys.example",
///   "purposes": ["Payroll and personnel administration", "Customer service"],
///   "legalBases": ["Contract (Art. 6(1)(b))", "Legal obligation: bookkeeping (Art. 6(1)(c))"],
///   "recipients": ["Our payroll provider", "The tax authority"],
///   "retention": [{ "category": "Personnel records", "period": "5 years after employment ends" }],
///   "sources": "From you, and from your employer when you were employed with us.",
///   "automatedDecisions": "We make no decisions about you by automated means alone.",
///   "transfers": "Your data is not transferred outside the EU/EEA.",
///   "supervisoryAuthority": { "name": "Datatilsynet", "url": "https://www.datatilsynet.dk", "address": "Carl Jacobsens Vej 35, 2500 Valby" } }
/// </code>
/// Any text may instead be an object per language (<c>{ "en": "...", "da": "...", "nl": "..." }</c>); the letter's
/// language is taken, else English, else the first. Unknown properties are an error, so a typo never drops a line of
/// the letter unseen.
/// </summary>
public sealed class ControllerProfile
{
    /// <summary>What a cover letter lacks without a controller profile: said as a warning by every command that exports.</summary>
    public const string MissingWarning = "Without -ControllerProfile the cover letter (README.html) names the person's rights but not the controller, purposes, legal bases, recipients or retention periods GDPR Art. 15(1) asks for.";

    private static readonly string[] Known =
    {
        "$schema", "controller", "dpoContact", "purposes", "legalBases", "recipients", "retention", "sources", "automatedDecisions", "transfers", "supervisoryAuthority",
    };

    private readonly Dictionary<string, JsonElement> _values;

    private ControllerProfile(Dictionary<string, JsonElement> values) => _values = values;

    public static ControllerProfile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new GdprOpsException(ErrorIds.ControllerProfileInvalid, ErrorKind.NotFound, $"The controller profile file '{path}' does not exist.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw Invalid(path, $"it is not valid JSON (line {(ex.LineNumber ?? 0) + 1})", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, "the top level must be an object");
            }

            var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!Known.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw Invalid(path, $"'{property.Name}' is not a controller profile property (known: {string.Join(", ", Known.Skip(1))})");
                }

                values[property.Name] = property.Value.Clone();
            }

            if (!values.ContainsKey("controller"))
            {
                throw Invalid(path, "'controller' (who is responsible for the data) is required");
            }

            var profile = new ControllerProfile(values);
            // Read every value once now, so a wrong shape fails here and not halfway through an export.
            foreach (string language in new[] { "en", "da", "nl" })
            {
                _ = profile.Text("controller", language);
                _ = profile.Texts("purposes", language);
                _ = profile.Retention(language);
                _ = profile.Authority(language);
            }

            foreach (string name in new[] { "dpoContact", "sources", "automatedDecisions", "transfers" })
            {
                _ = profile.Text(name, "en");
            }

            foreach (string name in new[] { "legalBases", "recipients" })
            {
                _ = profile.Texts(name, "en");
            }

            return profile;
        }

        static GdprOpsException Invalid(string path, string why, Exception? inner = null) =>
            new(ErrorIds.ControllerProfileInvalid, ErrorKind.InvalidData, $"The controller profile '{path}' is not valid: {why}.", inner);
    }

    /// <summary>One text in <paramref name="language"/>; null when the profile does not give it.</summary>
    public string? Text(string name, string language) => _values.TryGetValue(name, out var value) ? Localized(value, name, language) : null;

    /// <summary>A list of texts (a single text is a list of one); empty when not given.</summary>
    public IReadOnlyList<string> Texts(string name, string language)
    {
        if (!_values.TryGetValue(name, out var value))
        {
            return Array.Empty<string>();
        }

        return value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => Localized(v, name, language)).ToList()
            : new[] { Localized(value, name, language) };
    }

    /// <summary>(category, period) pairs.</summary>
    public IReadOnlyList<(string Category, string Period)> Retention(string language)
    {
        if (!_values.TryGetValue("retention", out var value))
        {
            return Array.Empty<(string, string)>();
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new GdprOpsException(ErrorIds.ControllerProfileInvalid, ErrorKind.InvalidData, "The controller profile's 'retention' must be a list of { \"category\": ..., \"period\": ... }.");
        }

        return value.EnumerateArray().Select(entry =>
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("category", out var category) || !entry.TryGetProperty("period", out var period))
            {
                throw new GdprOpsException(ErrorIds.ControllerProfileInvalid, ErrorKind.InvalidData, "Every 'retention' entry needs a \"category\" and a \"period\".");
            }

            return (Localized(category, "retention.category", language), Localized(period, "retention.period", language));
        }).ToList();
    }

    /// <summary>The supervisory authority: name, and url and address when given.</summary>
    public (string Name, string? Url, string? Address)? Authority(string language)
    {
        if (!_values.TryGetValue("supervisoryAuthority", out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("name", out var name))
        {
            throw new GdprOpsException(ErrorIds.ControllerProfileInvalid, ErrorKind.InvalidData, "The controller profile's 'supervisoryAuthority' needs at least a \"name\".");
        }

        return (Localized(name, "supervisoryAuthority.name", language),
            value.TryGetProperty("url", out var url) ? Localized(url, "supervisoryAuthority.url", language) : null,
            value.TryGetProperty("address", out var address) ? Localized(address, "supervisoryAuthority.address", language) : null);
    }

    private static string Localized(JsonElement value, string name, string language)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString()!;
            case JsonValueKind.Object:
                var texts = value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToList();
                if (texts.Count == 0)
                {
                    break;
                }

                return (texts.FirstOrDefault(p => p.Name == language).Value.ValueKind == JsonValueKind.String ? texts.First(p => p.Name == language)
                    : texts.FirstOrDefault(p => p.Name == "en").Value.ValueKind == JsonValueKind.String ? texts.First(p => p.Name == "en")
                    : texts[0]).Value.GetString()!;
        }

        throw new GdprOpsException(ErrorIds.ControllerProfileInvalid, ErrorKind.InvalidData, $"The controller profile's '{name}' must be a text or an object of texts per language.");
    }
}
