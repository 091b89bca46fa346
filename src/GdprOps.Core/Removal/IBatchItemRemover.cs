using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Model;
using GdprOps.Sources;

namespace GdprOps.Removal;

/// <summary>A remover that can delete many verified items of one kind in bulk (Graph $batch for mail).</summary>
public interface IBatchItemRemover
{
    bool CanBatch(Finding finding, RemovalMode mode);

    /// <summary>Removes the verified items; <paramref name="completed"/> is called once per item as its result is known.</summary>
    Task RemoveManyAsync(IReadOnlyList<(Finding Finding, string Version)> items, RemovalMode mode, Action<Finding, RemovalResult> completed, CancellationToken cancellationToken);
}
