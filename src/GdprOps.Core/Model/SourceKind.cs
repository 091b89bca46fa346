namespace GdprOps.Model;

/// <summary>The kind of store an item was found in.</summary>
public enum SourceKind
{
    FileShare,
    Mailbox,
    Drive,
    Blob,
}
