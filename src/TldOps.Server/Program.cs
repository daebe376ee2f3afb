Console.WriteLine("tldops");
