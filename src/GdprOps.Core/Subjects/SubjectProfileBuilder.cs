using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GdprOps.Detection;
using GdprOps.Model;

namespace GdprOps.Subjects;

/// <summary>
/// Builds a <see cref="SubjectProfile"/> from what a caller typed: validates and normalises every
/// identifier and infers the type of bare national ids. Errors name the identifier by kind and position,
/// never by value.
/// </summary>
public sealed class SubjectProfileBuilder
{
    private readonly List<SubjectIdentifier> _identifiers = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly DateTime _today;
    private readonly List<string> _warnings = new();

    public SubjectProfileBuilder(DateTime? today = null)
    {
        _today = (today ?? DateTime.UtcNow).Date;
    }

    public string? CaseId { get; set; }

    public bool AllowInitials { get; set; }

    public SubjectProfileBuilder AddNames(IEnumerable<string>? names)
    {
        int position = 0;
        foreach (string raw in Values(names))
        {
            position++;
            string name = NormaliseName(raw);
            if (name.Count(char.IsLetter) < 2)
            {
                throw Invalid($"Name #{position} has fewer than two letters; it would match far too much.");
            }

            if (name.Split(' ').Count(part => part.Any(char.IsLetter)) == 1)
            {
                _warnings.Add($"Name #{position} is a single word: it matches that word wherever it stands, so items where it is the only match are Low confidence (Remove-SubjectData skips them unless told otherwise). Give the full name where you can.");
            }

            Add(new SubjectIdentifier(IdentifierKind.Name, name, raw.Trim()));
        }

        return this;
    }

    public SubjectProfileBuilder AddEmails(IEnumerable<string>? emails)
    {
        int position = 0;
        foreach (string raw in Values(emails))
        {
            position++;
            string email = raw.Trim();
            if (email.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            {
                email = email.Substring("mailto:".Length);
            }

            int at = email.IndexOf('@');
            if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1
                || email.IndexOf('.', at) < 0 || email.Any(char.IsWhiteSpace) || email.EndsWith(".", StringComparison.Ordinal))
            {
                throw Invalid($"Email #{position} is not an email address (expected local@domain.tld).");
            }

            string value = email.ToLowerInvariant();
            Add(new SubjectIdentifier(IdentifierKind.Email, value, email));
        }

        return this;
    }

    public SubjectProfileBuilder AddPhones(IEnumerable<string>? phones)
    {
        int position = 0;
        foreach (string raw in Values(phones))
        {
            position++;
            var readings = PhoneNormalizer.Parse(raw);
            if (readings.Count == 0 && PhoneNormalizer.ParsePossible(raw) is { } possible)
            {
                // A reserved or newly opened range libphonenumber does not know yet: keep it, but say so.
                _warnings.Add($"Phone #{position} has the right length for its country but is not in a range the phone number data knows (a new or reserved range?): it is kept; check it is right.");
                readings = new[] { possible };
            }

            if (readings.Count == 0)
            {
                throw Invalid($"Phone #{position} is not a valid number in international format (+CC...) or as a national number in "
                    + string.Join(", ", PhoneNormalizer.DefaultRegions) + ".");
            }

            var alternatives = readings.Skip(1).Select(r => r.E164).ToList();
            Add(new SubjectIdentifier(IdentifierKind.Phone, readings[0].E164, raw.Trim(), alternatives));
        }

        return this;
    }

    public SubjectProfileBuilder AddNationalIds(IEnumerable<string>? nationalIds)
    {
        int position = 0;
        foreach (string raw in Values(nationalIds))
        {
            position++;
            Add(ParseNationalId(raw, position));
        }

        return this;
    }

    public SubjectProfileBuilder AddOtherIds(IEnumerable<string>? otherIds)
    {
        int position = 0;
        foreach (string raw in Values(otherIds))
        {
            position++;
            string compact = Masking.Compact(raw).Replace("+", string.Empty);
            if (compact.Length < 4)
            {
                throw Invalid($"Other id #{position} is shorter than 4 letters or digits; it would match far too much.");
            }

            Add(new SubjectIdentifier(IdentifierKind.OtherId, compact, raw.Trim()));
        }

        return this;
    }

    public SubjectProfile Build()
    {
        SubjectProfile.EnsureNotEmpty(_identifiers);
        return new SubjectProfile(CaseId, _identifiers, AllowInitials, _warnings);
    }

    private SubjectIdentifier ParseNationalId(string raw, int position)
    {
        string text = raw.Trim();
        IdentifierKind? declared = null;
        int colon = text.IndexOf(':');
        if (colon > 0)
        {
            string prefix = text.Substring(0, colon).Trim();
            if (!Enum.TryParse(prefix, ignoreCase: true, out IdentifierKind kind)
                || kind is not (IdentifierKind.DK_CPR or IdentifierKind.NL_BSN or IdentifierKind.UK_NINO))
            {
                throw Invalid($"National id #{position} has an unknown type prefix. Use DK_CPR:, NL_BSN: or UK_NINO:.");
            }

            declared = kind;
            text = text.Substring(colon + 1);
        }

        string compact = Masking.Compact(text).Replace("+", string.Empty);
        var kinds = declared is { } d ? new[] { d } : new[] { IdentifierKind.DK_CPR, IdentifierKind.NL_BSN, IdentifierKind.UK_NINO };
        var fits = kinds.Where(k => Fits(k, compact)).ToList();
        if (fits.Count == 1)
        {
            string value = fits[0] == IdentifierKind.NL_BSN ? BsnValidator.Pad(compact) : compact;
            return new SubjectIdentifier(fits[0], value, raw.Trim());
        }

        if (declared is { } type)
        {
            throw Invalid($"National id #{position} is not a valid {type} ({Shape(type)}).");
        }

        throw new GdprOpsException(ErrorIds.AmbiguousNationalId, ErrorKind.InvalidArgument,
            fits.Count == 0
                ? $"National id #{position} ({compact.Length} characters) is not a valid DK_CPR, NL_BSN or UK_NINO. Prefix it with its type, e.g. DK_CPR:..., if it is one."
                : $"National id #{position} could be {string.Join(" or ", fits)}. Prefix it with its type, e.g. {fits[0]}:...");
    }

    private bool Fits(IdentifierKind kind, string compact) => kind switch
    {
        // A declared CPR needs a real date only; modulus 11 is a signal, not a gate (numbers since 2007).
        IdentifierKind.DK_CPR => CprValidator.IsValid(compact.AsSpan(), _today),
        IdentifierKind.NL_BSN => BsnValidator.IsValid(BsnValidator.Pad(compact).AsSpan()),
        IdentifierKind.UK_NINO => NinoValidator.IsValid(compact.AsSpan()),
        _ => false,
    };

    private static string Shape(IdentifierKind kind) => kind switch
    {
        IdentifierKind.DK_CPR => "DDMMYY-SSSS with a real date of birth",
        IdentifierKind.NL_BSN => "9 digits passing the 11-proef, or 8 legacy digits",
        _ => "two letters, six digits and A-D, e.g. AB 12 34 56 C",
    };

    /// <summary>"Last, First" input is turned into "First Last".</summary>
    private static string NormaliseName(string raw)
    {
        string name = string.Join(" ", raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        int comma = name.IndexOf(',');
        if (comma > 0 && comma == name.LastIndexOf(','))
        {
            name = (name.Substring(comma + 1).Trim() + " " + name.Substring(0, comma).Trim()).Trim();
        }

        return name;
    }

    private void Add(SubjectIdentifier identifier)
    {
        if (_seen.Add(identifier.Kind.ToString() + "\u0001" + identifier.Value))
        {
            _identifiers.Add(identifier);
        }
    }

    private static IEnumerable<string> Values(IEnumerable<string>? values) =>
        (values ?? Enumerable.Empty<string>()).Where(v => !string.IsNullOrWhiteSpace(v));

    private static GdprOpsException Invalid(string message) =>
        new(ErrorIds.InvalidSubjectProfile, ErrorKind.InvalidArgument, message);

    internal static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
