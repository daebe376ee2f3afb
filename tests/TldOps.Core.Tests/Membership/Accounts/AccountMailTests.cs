using System.Security.Cryptography;
using TldOps.Core.Common;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Mail.Addresses;
using TldOps.Mail.Mime;
using TldOps.Testing;

namespace TldOps.Core.Tests.Membership.Accounts;

public sealed class AccountMailTests
{
    // The login mail as AccountMail wrote it from its own dictionary (AccountMail.Texts.cs), captured
    // before its texts moved into TextCatalog: the decoded subject and body, and the SHA-256 of the
    // whole message (headers, encodings, Message-ID from the seeded source), which must not change.
    private static readonly Dictionary<string, Expected> Before = new(StringComparer.Ordinal)
    {
        ["en"] = new("Your TLD-OPS login link", """
            Hello Zoë d'Arc,

            Someone, most likely you, asked to log in to the TLD-OPS portal
            with this address. To log in, open this link in the same browser
            within 15 minutes:

            https://portal.tld-ops.example/en/login/link?token=abc.123.def.ghi

            The link works once, and only in the browser that asked for it.
            If you did not ask to log in, ignore this message: nobody can
            use the link from another browser.

            -- 
            TLD-OPS
            """, "0938e1154de854dcca49013ca8ed04b9dd91402c8612e84417fef9d0bed96efd"),
        ["ar"] = new("رابط الدخول إلى TLD-OPS", """
            مرحبًا Zoë d'Arc،

            طلب أحدهم، وعلى الأرجح أنت، الدخول إلى بوابة TLD-OPS بهذا
            العنوان. للدخول، افتح هذا الرابط في المتصفح نفسه خلال
            15 دقيقة:

            https://portal.tld-ops.example/ar/login/link?token=abc.123.def.ghi

            يعمل الرابط مرة واحدة فقط، وفي المتصفح الذي طلبه دون غيره.
            إذا لم تطلب الدخول فتجاهل هذه الرسالة: لا يمكن لأحد استخدام
            الرابط من متصفح آخر.

            -- 
            TLD-OPS
            """, "089617c8257c5d93692f69e9ae588ce0f4722ecbe6544638838ba9e220c144ec"),
        ["es"] = new("Su enlace de acceso a TLD-OPS", """
            Hola, Zoë d'Arc:

            Alguien, probablemente usted, pidió acceder al portal de TLD-OPS
            con esta dirección. Para entrar, abra este enlace en el mismo
            navegador en los próximos 15 minutos:

            https://portal.tld-ops.example/es/login/link?token=abc.123.def.ghi

            El enlace sirve una sola vez y solo en el navegador que lo pidió.
            Si no lo pidió, ignore este mensaje: nadie puede usarlo desde
            otro navegador.

            -- 
            TLD-OPS
            """, "3bd3bb0ebb20657351ab652678c99aa923819886ffca56e60af960e7efea83b8"),
        ["fr"] = new("Votre lien de connexion à TLD-OPS", """
            Bonjour Zoë d'Arc,

            Quelqu'un, sans doute vous, a demandé à se connecter au portail
            TLD-OPS avec cette adresse. Pour vous connecter, ouvrez ce lien
            dans le même navigateur d'ici 15 minutes :

            https://portal.tld-ops.example/fr/login/link?token=abc.123.def.ghi

            Le lien ne sert qu'une fois, et seulement dans le navigateur qui
            l'a demandé. Si vous n'avez rien demandé, ignorez ce message :
            personne ne peut l'utiliser depuis un autre navigateur.

            -- 
            TLD-OPS
            """, "8194f79cc8fe9191a59df5c2974677fc733d6fc24a987c643a5d8415a80c313c"),
        ["ru"] = new("Ссылка для входа в TLD-OPS", """
            Здравствуйте, Zoë d'Arc!

            Кто-то, скорее всего вы, запросил вход на портал TLD-OPS с этим
            адресом. Чтобы войти, откройте эту ссылку в том же браузере
            в течение 15 минут:

            https://portal.tld-ops.example/ru/login/link?token=abc.123.def.ghi

            Ссылка действует один раз и только в браузере, где её запросили.
            Если вы не запрашивали вход, просто не обращайте внимания на это
            письмо: из другого браузера ссылкой воспользоваться нельзя.

            -- 
            TLD-OPS
            """, "6574fdcbfa513a88aa5847eac806db6655855224dc31e3759507bb3f262aeb44"),
        ["zh"] = new("您的 TLD-OPS 登录链接", """
            Zoë d'Arc，您好：

            有人（很可能是您本人）使用此地址请求登录 TLD-OPS 门户。
            请在 15 分钟内用同一个浏览器打开以下链接登录：

            https://portal.tld-ops.example/zh/login/link?token=abc.123.def.ghi

            该链接只能使用一次，并且只在发出请求的浏览器中有效。
            如果您没有请求登录，请忽略此邮件：其他浏览器无法使用该链接。

            -- 
            TLD-OPS
            """, "a8d4637d62b2e264d37ef899cb7d58cf511db1f2a7998124e97f615ae79db5cd"),
    };

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    [InlineData("es")]
    [InlineData("fr")]
    [InlineData("ru")]
    [InlineData("zh")]
    public void The_login_mail_is_byte_for_byte_what_it_was_before_its_texts_moved_to_the_catalog(string language)
    {
        var raw = Render(language, language);

        AssertIs(Before[language], raw);
    }

    [Fact]
    public void A_language_without_texts_gets_the_English_mail()
    {
        var raw = Render("xx", "en");

        AssertIs(Before["en"], raw);
    }

    private static void AssertIs(Expected expected, ReadOnlyMemory<byte> raw)
    {
        var message = MimeMessage.Load(raw);
        Assert.Equal(expected.Subject, message.Subject);
        Assert.Equal(expected.Body + "\n", ((MimePart)message.Body).GetText().ReplaceLineEndings("\n"));
        Assert.Equal(expected.Sha256, Convert.ToHexStringLower(SHA256.HashData(raw.Span)));
    }

    private static ReadOnlyMemory<byte> Render(string language, string linkLanguage)
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var mail = new AccountMail(new MailboxAddress("TLD-OPS", "tld-ops-request@tld-ops.example"), new SeededRandomSource(), clock);
        var account = new Account(7, "K7Q2M9X4HB", "fr", "Zoë d'Arc", "zoe@nic.fr", language, MemberStatus.Active, RoleAssignment.PlainMember, false);
        var link = $"https://portal.tld-ops.example/{linkLanguage}/login/link?token=abc.123.def.ghi";
        return mail.LoginLink(account, link, clock.GetUtcNow().AddMinutes(15)).Raw;
    }

    private sealed record Expected(string Subject, string Body, string Sha256);
}
