namespace TldOps.Core.Lists.Requests;

/// <summary>What an <see cref="IRequestMailHandler"/> did with a message.</summary>
public enum RequestMailOutcome
{
    /// <summary>Not a message this handler understands; offer it to the next one.</summary>
    NotMine,

    /// <summary>Acted on or answered; the message is done.</summary>
    Handled,
}
