namespace TldOps.Core.Membership.Accounts;

// The login mail in the six languages. Bodies keep lines under 72 columns for plain-text readers;
// {name}, {link} and {minutes} are filled in.
public sealed partial class AccountMail
{
    private static readonly IReadOnlyDictionary<string, (string Subject, string Body)> LoginTexts = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["en"] = ("Your TLD-OPS login link", """
            Hello {name},

            Someone, most likely you, asked to log in to the TLD-OPS portal
            with this address. To log in, open this link in the same browser
            within {minutes} minutes:

            {link}

            The link works once, and only in the browser that asked for it.
            If you did not ask to log in, ignore this message: nobody can
            use the link from another browser.

            -- 
            TLD-OPS
            """),
        ["fr"] = ("Votre lien de connexion à TLD-OPS", """
            Bonjour {name},

            Quelqu'un, sans doute vous, a demandé à se connecter au portail
            TLD-OPS avec cette adresse. Pour vous connecter, ouvrez ce lien
            dans le même navigateur d'ici {minutes} minutes :

            {link}

            Le lien ne sert qu'une fois, et seulement dans le navigateur qui
            l'a demandé. Si vous n'avez rien demandé, ignorez ce message :
            personne ne peut l'utiliser depuis un autre navigateur.

            -- 
            TLD-OPS
            """),
        ["es"] = ("Su enlace de acceso a TLD-OPS", """
            Hola, {name}:

            Alguien, probablemente usted, pidió acceder al portal de TLD-OPS
            con esta dirección. Para entrar, abra este enlace en el mismo
            navegador en los próximos {minutes} minutos:

            {link}

            El enlace sirve una sola vez y solo en el navegador que lo pidió.
            Si no lo pidió, ignore este mensaje: nadie puede usarlo desde
            otro navegador.

            -- 
            TLD-OPS
            """),
        ["ru"] = ("Ссылка для входа в TLD-OPS", """
            Здравствуйте, {name}!

            Кто-то, скорее всего вы, запросил вход на портал TLD-OPS с этим
            адресом. Чтобы войти, откройте эту ссылку в том же браузере
            в течение {minutes} минут:

            {link}

            Ссылка действует один раз и только в браузере, где её запросили.
            Если вы не запрашивали вход, просто не обращайте внимания на это
            письмо: из другого браузера ссылкой воспользоваться нельзя.

            -- 
            TLD-OPS
            """),
        ["zh"] = ("您的 TLD-OPS 登录链接", """
            {name}，您好：

            有人（很可能是您本人）使用此地址请求登录 TLD-OPS 门户。
            请在 {minutes} 分钟内用同一个浏览器打开以下链接登录：

            {link}

            该链接只能使用一次，并且只在发出请求的浏览器中有效。
            如果您没有请求登录，请忽略此邮件：其他浏览器无法使用该链接。

            -- 
            TLD-OPS
            """),
        ["ar"] = ("رابط الدخول إلى TLD-OPS", """
            مرحبًا {name}،

            طلب أحدهم، وعلى الأرجح أنت، الدخول إلى بوابة TLD-OPS بهذا
            العنوان. للدخول، افتح هذا الرابط في المتصفح نفسه خلال
            {minutes} دقيقة:

            {link}

            يعمل الرابط مرة واحدة فقط، وفي المتصفح الذي طلبه دون غيره.
            إذا لم تطلب الدخول فتجاهل هذه الرسالة: لا يمكن لأحد استخدام
            الرابط من متصفح آخر.

            -- 
            TLD-OPS
            """),
    };
}
