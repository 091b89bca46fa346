using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using GdprOps.Model;

namespace GdprOps.Sources.Graph;

/// <summary>
/// Turns a subject profile into search-index terms (KQL for mail, plain text for drives). The index is only a
/// pre-filter: every candidate is verified locally, so these terms aim to miss nothing rather than to be exact.
/// Double quotes and backslashes are stripped: how to escape them in KQL is undocumented.
/// </summary>
public static class SearchTerms
{
    /// <summary>Terms for one identifier, as they could be written in text.</summary>
    public static IReadOnlyList<string> For(SubjectIdentifier identifier)
    {
        string display = Clean(identifier.Display);
        var terms = new List<string>();
        switch (identifier.Kind)
        {
            case IdentifierKind.Email:
                terms.Add(Clean(identifier.Value));
                break;
            case IdentifierKind.Name:
                terms.Add(display);
                break;
            case IdentifierKind.Phone:
                terms.Add(display);
                string digits = new(identifier.Value.Where(char.IsDigit).ToArray());
                terms.Add(digits);
                terms.AddRange(identifier.Alternatives.Select(a => new string(a.Where(char.IsDigit).ToArray())));
                break;
            default:
                terms.Add(display);
                terms.Add(Clean(identifier.Value));
                break;
        }

        return terms.Where(t => t.Length >= 3).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>One KQL query for mail $search: every identifier's terms joined with OR.</summary>
    public static string MailQuery(SubjectProfile subject)
    {
        var clauses = new List<string>();
        foreach (var identifier in subject.GetIdentifiers())
        {
            foreach (string term in For(identifier))
            {
                if (identifier.Kind == IdentifierKind.Email)
                {
                    clauses.Add("participants:" + term);
                    clauses.Add(term);
                }
                else if (identifier.Kind == IdentifierKind.Name && term.Contains(' '))
                {
                    // Any order ("Last, First", middle names in between): all name parts, not the exact phrase.
                    clauses.Add("(" + string.Join(" AND ", term.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length > 1)) + ")");
                }
                else
                {
                    clauses.Add(term.Contains(' ') ? "\\\"" + term + "\\\"" : term);
                }
            }
        }

        return "\"" + string.Join(" OR ", clauses.Distinct(StringComparer.OrdinalIgnoreCase)) + "\"";
    }

    /// <summary>Drive search(q=) texts: one per identifier term (drive search has no OR).</summary>
    public static IReadOnlyList<string> DriveQueries(SubjectProfile subject) =>
        subject.GetIdentifiers().SelectMany(For).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static string Clean(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (c is not '"' and not '\\' and not '(' and not ')')
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }
}
