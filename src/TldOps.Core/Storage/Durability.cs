namespace TldOps.Core.Storage;

/// <summary>When a committed transaction is on disk.</summary>
public enum Durability
{
    /// <summary>
    /// Before the commit returns (SQLite <c>synchronous=FULL</c>; PostgreSQL's default). For
    /// everything someone is told about: the 250 after a message is queued, an operator's
    /// command, a form sent from the portal.
    /// </summary>
    Immediate,

    /// <summary>
    /// Soon after (SQLite <c>synchronous=NORMAL</c> in WAL mode: at the next checkpoint or the next
    /// immediate commit; PostgreSQL <c>synchronous_commit = off</c>: within a few hundred
    /// milliseconds). The commit is atomic and survives the process being killed; only a power
    /// failure or an operating-system crash can take the last such commits back, which for the
    /// runners' bookkeeping (leases, outcomes, fan-out chunks) is the same as the node dying just
    /// before them: the work is done again (at least once), nothing is lost.
    /// </summary>
    Deferred,
}
