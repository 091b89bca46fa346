using GdprOps.Model;

namespace GdprOps.Detection;

/// <summary>
/// One occurrence of a subject identifier in a text: its kind, span, masked form, and the detector id of
/// DETECTORS.md it also counts as (EMAIL, PHONE, DK_CPR, IBAN ...; none for a name).
/// </summary>
public readonly record struct SubjectMatch(IdentifierKind Kind, int Start, int Length, string Masked, bool ByInitials = false, string? Category = null);
