namespace TldOps.Mail.Smtp.Client;

/// <summary>
/// The connection slots of one destination: at most a fixed number of sends at once, the others
/// waiting in arrival order. A freed slot goes straight to the oldest waiter, whose send goes on
/// in the releasing thread until it waits for the server (a semaphore would hand it to the thread
/// pool instead: a thread wake-up per message when more senders than connections keep the pool
/// busy, as a fan-out does). A waiter whose token is cancelled leaves the line without a slot.
/// </summary>
internal sealed class SmtpSlotGate(int slots)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _waiters = [];
    private int _free = slots;

    /// <summary>Takes a slot, waiting for one if none is free.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before a slot came.</exception>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_lock)
        {
            if (_free > 0)
            {
                _free--;
                return Task.CompletedTask;
            }

            cancellationToken.ThrowIfCancellationRequested();
            waiter = new Waiter();
            waiter.Node = _waiters.AddLast(waiter);
            if (cancellationToken.CanBeCanceled)
            {
                // Under the lock, so that Release always finds the registration it must undo. A
                // token cancelled meanwhile runs Leave at once, in this thread (the lock is reentrant).
                waiter.Registration = cancellationToken.UnsafeRegister(static (state, token) =>
                {
                    var (gate, w) = ((SmtpSlotGate, Waiter))state!;
                    gate.Leave(w, token);
                }, (this, waiter));
            }
        }

        return waiter.Task;
    }

    /// <summary>Frees a slot: the oldest waiter takes it and goes on in this thread, else it stays free.</summary>
    public void Release()
    {
        while (true)
        {
            Waiter? next;
            lock (_lock)
            {
                if (_waiters.First is not { } first)
                {
                    _free++;
                    return;
                }

                next = first.Value;
                _waiters.RemoveFirst();
                next.Node = null;
            }

            next.Registration.Unregister();
            if (next.TrySetResult())
            {
                return;
            }

            // Cancelled between leaving the line and getting the slot: the next one gets it.
        }
    }

    private void Leave(Waiter waiter, CancellationToken token)
    {
        lock (_lock)
        {
            if (waiter.Node is not { } node)
            {
                return;
            }

            _waiters.Remove(node);
            waiter.Node = null;
        }

        waiter.TrySetCanceled(token);
    }

    // Continuations run in the thread that completes the wait (no RunContinuationsAsynchronously).
    private sealed class Waiter : TaskCompletionSource
    {
        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }
}
