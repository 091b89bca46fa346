namespace GdprOps.Removal;

/// <summary>How an item is erased.</summary>
public enum RemovalMode
{
    /// <summary>Mail to Recoverable Items, drive files to the recycle bin, blobs with their snapshots, files deleted.</summary>
    Delete,

    /// <summary>Past every recycle bin: mail permanentDelete, drive permanentDelete, blob versions and snapshots.</summary>
    Purge,

    /// <summary>Replace the subject's identifiers with a marker and keep the rest (records that must be kept by law).</summary>
    Redact,
}
