using System.Text;
using TldOps.Mail.Encodings;

namespace TldOps.Mail.Addresses;

public sealed partial class AddressParser
{
    /// <summary>One pass over the text; each method leaves the position after what it read.</summary>
    private sealed class Reader(string text, AddressParserOptions options)
    {
        private int _position;
        private int _mailboxes;

        public AddressFormatException? Error { get; private set; }

        public List<InternetAddress>? ReadList(bool single)
        {
            var result = new List<InternetAddress>();
            while (true)
            {
                SkipBlanksAndComments(null);
                if (_position >= text.Length)
                {
                    return result;
                }

                // Empty list elements (",,") are obsolete syntax (RFC 5322 §4.4); a stray ';' is
                // what a group without its name leaves behind.
                if (text[_position] is ',' or ';')
                {
                    _position++;
                    continue;
                }

                var address = ReadAddress(allowGroup: !single);
                if (address is null)
                {
                    return null;
                }

                result.Add(address);
                SkipBlanksAndComments(null);

                // A group ends with its ';', which some senders take for the separator.
                if (_position < text.Length && text[_position] is not (',' or ';') && address is not GroupAddress)
                {
                    return Fail<List<InternetAddress>>("Expected ',' between addresses");
                }
            }
        }

        private InternetAddress? ReadAddress(bool allowGroup)
        {
            var start = _position;
            SkipBlanksAndComments(null);
            if (At('<'))
            {
                return ReadAngle(null);
            }

            var words = ReadWords();
            SkipBlanksAndComments(null);
            if (words.Count > 0 && At('<'))
            {
                return ReadAngle(Phrase(words));
            }

            if (words.Count > 0 && At(':') && allowGroup)
            {
                _position++;
                return ReadGroup(Phrase(words));
            }

            if (words.Count > 0 && At('@'))
            {
                _position++;
                var domain = ReadDomain();
                if (domain is null)
                {
                    return null;
                }

                var afterDomain = _position;
                SkipBlanksAndComments(null);
                if (At('<'))
                {
                    // "phil@example.com <phil@example.com>": what looked like an address is the name.
                    return ReadAngle(Phrase([new Word(text[start.._position].Trim(), Quoted: true, Blank: false)]));
                }

                _position = afterDomain;
                return Mailbox(TrailingName(), words, domain);
            }

            if (words.Count == 0)
            {
                return Fail<InternetAddress>("Expected an address");
            }

            if (!options.AllowMissingDomain || words.Skip(1).Any(w => w.Blank))
            {
                return Fail<InternetAddress>("Expected '@' or '<'");
            }

            return Mailbox(TrailingName(), words, string.Empty);
        }

        private MailboxAddress? ReadAngle(string? name)
        {
            _position++;
            SkipBlanksAndComments(null);
            if (At('@'))
            {
                // An obsolete source route "<@relay1,@relay2:user@domain>" (RFC 5322 §4.4): skipped.
                var colon = text.IndexOf(':', _position);
                var close = text.IndexOf('>', _position);
                if (colon < 0 || (close >= 0 && close < colon))
                {
                    return Fail<MailboxAddress>("Unterminated source route");
                }

                _position = colon + 1;
                SkipBlanksAndComments(null);
            }

            var words = ReadWords();
            if (words.Count == 0)
            {
                return Fail<MailboxAddress>("Expected an address inside '<>'");
            }

            SkipBlanksAndComments(null);
            var domain = string.Empty;
            if (At('@'))
            {
                _position++;
                domain = ReadDomain();
                if (domain is null)
                {
                    return null;
                }
            }
            else if (!options.AllowMissingDomain)
            {
                return Fail<MailboxAddress>("Expected '@'");
            }

            SkipBlanksAndComments(null);
            if (At('>'))
            {
                _position++;
            }
            else if (_position < text.Length && text[_position] is not (',' or ';'))
            {
                return Fail<MailboxAddress>("Expected '>'");
            }

            return Mailbox(name ?? TrailingName(), words, domain);
        }

        private GroupAddress? ReadGroup(string name)
        {
            var members = new List<MailboxAddress>();
            while (true)
            {
                SkipBlanksAndComments(null);
                if (_position >= text.Length)
                {
                    // A missing ';' at the end is tolerated.
                    break;
                }

                if (At(';'))
                {
                    _position++;
                    break;
                }

                if (At(','))
                {
                    _position++;
                    continue;
                }

                if (ReadAddress(allowGroup: false) is not MailboxAddress member)
                {
                    return null;
                }

                members.Add(member);
                SkipBlanksAndComments(null);
                if (_position < text.Length && text[_position] is not (',' or ';'))
                {
                    return Fail<GroupAddress>("Expected ',' or ';' in a group");
                }
            }

            return new GroupAddress(name, members);
        }

        /// <summary>A name after the address: a phrase (some clients write it there) or a comment (the old convention).</summary>
        private string? TrailingName()
        {
            var comments = new List<string>();
            SkipBlanksAndComments(comments);
            var words = ReadWords();
            if (words.Count > 0)
            {
                return Phrase(words);
            }

            return comments.Count > 0 ? string.Join(" ", comments).Trim() : null;
        }

        private string? ReadDomain()
        {
            SkipBlanksAndComments(null);
            if (At('['))
            {
                var close = text.IndexOf(']', _position);
                if (close < 0)
                {
                    return Fail<string>("Unterminated domain literal");
                }

                var literal = text[_position..(close + 1)];
                _position = close + 1;
                return literal;
            }

            var domain = new StringBuilder();
            while (true)
            {
                var start = _position;
                while (_position < text.Length && IsAtomChar(text[_position]))
                {
                    _position++;
                }

                if (_position == start)
                {
                    if (domain.Length == 0)
                    {
                        return Fail<string>("Expected a domain");
                    }

                    // "example.org." : a trailing dot ends the domain.
                    break;
                }

                domain.Append(text, start, _position - start);
                var beforeDot = _position;
                SkipBlanksAndComments(null);
                if (!At('.'))
                {
                    _position = beforeDot;
                    break;
                }

                _position++;
                domain.Append('.');
                SkipBlanksAndComments(null);
            }

            return domain.ToString().TrimEnd('.');
        }

        /// <summary>Atoms, quoted strings and dots, each noting whether blanks or comments came before it.</summary>
        private List<Word> ReadWords()
        {
            var words = new List<Word>();
            while (true)
            {
                var blank = SkipBlanksAndComments(null) && words.Count > 0;
                if (_position >= text.Length)
                {
                    break;
                }

                var c = text[_position];
                if (c == '"')
                {
                    words.Add(new Word(ReadQuoted(), Quoted: true, blank));
                }
                else if (c == '.')
                {
                    _position++;
                    words.Add(new Word(".", Quoted: false, blank));
                }
                else if (IsAtomChar(c))
                {
                    var start = _position;
                    while (_position < text.Length && IsAtomChar(text[_position]))
                    {
                        _position++;
                    }

                    words.Add(new Word(text[start.._position], Quoted: false, blank));
                }
                else
                {
                    break;
                }
            }

            return words;
        }

        private string ReadQuoted()
        {
            // RFC 5322 §3.2.4; an unterminated quoted string runs to the end.
            var builder = new StringBuilder();
            _position++;
            while (_position < text.Length)
            {
                var c = text[_position++];
                if (c == '"')
                {
                    break;
                }

                if (c == '\\' && _position < text.Length)
                {
                    c = text[_position++];
                }

                builder.Append(c);
            }

            return builder.ToString();
        }

        /// <summary>Skips blanks and comments (nested, with quoted pairs, RFC 5322 §3.2.2); true when anything was skipped.</summary>
        private bool SkipBlanksAndComments(List<string>? comments)
        {
            var skipped = false;
            while (_position < text.Length)
            {
                var c = text[_position];
                if (char.IsWhiteSpace(c))
                {
                    _position++;
                    skipped = true;
                    continue;
                }

                if (c != '(')
                {
                    break;
                }

                skipped = true;
                var comment = new StringBuilder();
                var depth = 0;
                while (_position < text.Length)
                {
                    c = text[_position++];
                    if (c == '\\' && _position < text.Length)
                    {
                        comment.Append(text[_position++]);
                        continue;
                    }

                    if (c == '(' && depth++ == 0)
                    {
                        continue;
                    }

                    if (c == ')' && --depth == 0)
                    {
                        break;
                    }

                    comment.Append(c);
                }

                comments?.Add(EncodedWords.Decode(comment.ToString()));
            }

            return skipped;
        }

        private MailboxAddress? Mailbox(string? name, List<Word> words, string domain)
        {
            if (++_mailboxes > options.MaxAddresses)
            {
                return Fail<MailboxAddress>($"More than {options.MaxAddresses} addresses");
            }

            // The local part is its words without the blanks that obsolete syntax allows
            // around dots (RFC 5322 §4.4).
            var localPart = string.Concat(words.Select(w => w.Text));
            return new MailboxAddress(name, localPart, domain);
        }

        private static string Phrase(List<Word> words)
        {
            var builder = new StringBuilder();
            foreach (var word in words)
            {
                if (word.Blank)
                {
                    builder.Append(' ');
                }

                builder.Append(word.Text);
            }

            return EncodedWords.Decode(builder.ToString());
        }

        private bool At(char c) => _position < text.Length && text[_position] == c;

        private T? Fail<T>(string message)
            where T : class
        {
            Error ??= new AddressFormatException(message, _position);
            return null;
        }

        private readonly record struct Word(string Text, bool Quoted, bool Blank);
    }
}
