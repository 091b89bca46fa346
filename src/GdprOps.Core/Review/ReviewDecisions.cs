using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GdprOps.Review;

/// <summary>
/// The words a reviewer may write in a report's Decision column, in English, Danish and Dutch. Matching ignores
/// case, accents (anonymisér = anonymiser), surrounding spaces and a trailing full stop or exclamation mark. A
/// word not listed here is <see cref="DecisionKind.Unrecognised"/> and is never acted on.
/// </summary>
public static class ReviewDecisions
{
    private static readonly (DecisionKind Kind, string[] Words)[] Vocabulary =
    {
        (DecisionKind.Approve, new[]
        {
            "approve", "approved", "yes", "y", "ok", "okay", "go",
            "ja", "j", "godkend", "godkendt", "godkendes", "godkender",
            "goedkeuren", "goedgekeurd", "goedkeur", "akkoord", "accoord",
        }),
        (DecisionKind.Keep, new[]
        {
            "keep", "kept", "no", "n", "retain", "hold", "skip", "reject", "rejected",
            "behold", "beholdes", "bevar", "bevares", "nej", "afvis", "afvist",
            "bewaren", "bewaar", "behouden", "houden", "nee", "afwijzen", "afgewezen",
        }),
        (DecisionKind.Delete, new[]
        {
            "delete", "remove", "erase",
            "slet", "slettes", "fjern", "fjernes",
            "verwijder", "verwijderen", "wissen", "wis",
        }),
        (DecisionKind.Purge, new[]
        {
            "purge", "delete permanently", "permanently delete",
            "slet permanent", "slet endeligt",
            "definitief verwijderen", "permanent verwijderen",
        }),
        (DecisionKind.Redact, new[]
        {
            "redact", "redacted", "anonymise", "anonymize", "anonymised", "anonymized", "anonymous", "mask",
            "anonymiser", "anonymisere", "anonymiseres", "anonymiseret", "sløer", "maskér", "maskere",
            "anonimiseren", "anonimiseer", "geanonimiseerd", "weglakken", "zwartlakken",
        }),
    };

    private static readonly Dictionary<string, DecisionKind> Words = Vocabulary
        .SelectMany(entry => entry.Words.Select(word => (Key: Fold(word), entry.Kind)))
        .ToDictionary(pair => pair.Key, pair => pair.Kind, StringComparer.Ordinal);

    /// <summary>Every accepted word with what it means, for help text and error messages.</summary>
    public static IReadOnlyList<(DecisionKind Kind, IReadOnlyList<string> Words)> AcceptedWords { get; } =
        Vocabulary.Select(entry => (entry.Kind, (IReadOnlyList<string>)entry.Words)).ToList();

    /// <summary>What a Decision cell means.</summary>
    public static DecisionKind Parse(string? decision)
    {
        if (string.IsNullOrWhiteSpace(decision))
        {
            return DecisionKind.None;
        }

        return Words.TryGetValue(Fold(decision!), out var kind) ? kind : DecisionKind.Unrecognised;
    }

    /// <summary>True when the decision lets the row be acted on (approve, delete, purge, redact).</summary>
    public static bool Approves(DecisionKind kind) =>
        kind is DecisionKind.Approve or DecisionKind.Delete or DecisionKind.Purge or DecisionKind.Redact;

    /// <summary>A short list of accepted words per meaning, for messages.</summary>
    public static string Describe() => string.Join("; ", AcceptedWords.Select(a => a.Kind + ": " + string.Join(", ", a.Words)));

    private static string Fold(string text)
    {
        string trimmed = text.Trim().TrimEnd('.', '!').Trim();
        var builder = new StringBuilder(trimmed.Length);
        bool space = false;
        foreach (char c in trimmed.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || c == '-' || c == '_')
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        // ø does not decompose: fold it like the name matcher does.
        return builder.Replace('ø', 'o').Replace('æ', 'a').ToString();
    }
}
