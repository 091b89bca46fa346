using System;
using System.Collections.Generic;
using System.Linq;

namespace GdprOps.Model;

/// <summary>
/// The person an access or erasure request is about. Public properties are scalars (';'-joined) so the
/// profile prints and exports cleanly; <see cref="Identifiers"/> gives the typed list.
/// </summary>
public sealed class SubjectProfile
{
    private readonly List<SubjectIdentifier> _identifiers;

    private readonly List<string> _warnings;

    internal SubjectProfile(string? caseId, IEnumerable<SubjectIdentifier> identifiers, bool allowInitials, IEnumerable<string>? warnings = null)
    {
        _warnings = warnings?.ToList() ?? new List<string>();
        CaseId = string.IsNullOrWhiteSpace(caseId) ? null : caseId!.Trim();
        _identifiers = identifiers.ToList();
        AllowInitials = allowInitials;
    }

    public string? CaseId { get; }

    public string Names => Join(IdentifierKind.Name);

    public string Emails => Join(IdentifierKind.Email);

    public string Phones => Join(IdentifierKind.Phone);

    /// <summary>National ids as KIND:VALUE, ';'-joined.</summary>
    public string NationalIds => string.Join(";", _identifiers
        .Where(i => i.Kind is IdentifierKind.DK_CPR or IdentifierKind.NL_BSN or IdentifierKind.UK_NINO)
        .Select(i => i.Kind + ":" + i.Value));

    public string OtherIds => Join(IdentifierKind.OtherId);

    /// <summary>Whether "S. Østergaard" counts as the name "Søren Østergaard".</summary>
    public bool AllowInitials { get; }

    public int IdentifierCount => _identifiers.Count;

    /// <summary>Every identifier masked, for display and logs.</summary>
    public string Masked => string.Join("; ", _identifiers.Select(i => i.ToString()));

    /// <summary>The typed identifiers (a method, so every property stays a scalar that exports cleanly).</summary>
    public IReadOnlyList<SubjectIdentifier> GetIdentifiers() => _identifiers;

    /// <summary>What the caller should check about the profile (a one-word name, a possible-but-unknown phone range); never values.</summary>
    public IReadOnlyList<string> GetWarnings() => _warnings;

    /// <summary>Counts by kind ("2 Email, 1 Name"), safe for verbose output.</summary>
    public string Describe() => string.Join(", ", _identifiers
        .GroupBy(i => i.Kind)
        .OrderBy(g => g.Key)
        .Select(g => g.Count().ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + g.Key));

    private string Join(IdentifierKind kind) => string.Join(";", _identifiers.Where(i => i.Kind == kind).Select(i => i.Display));

    public override string ToString() => CaseId is null ? "SubjectProfile" : "SubjectProfile " + CaseId;

    /// <summary>Profiles must hold at least one identifier; a sweep for nobody is a mistake.</summary>
    internal static void EnsureNotEmpty(ICollection<SubjectIdentifier> identifiers)
    {
        if (identifiers.Count == 0)
        {
            throw new GdprOpsException(ErrorIds.InvalidSubjectProfile, ErrorKind.InvalidArgument,
                "The subject profile has no identifiers. Give at least one name, email, phone, national id or other id.");
        }
    }
}
