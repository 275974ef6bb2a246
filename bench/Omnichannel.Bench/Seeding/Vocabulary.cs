namespace Omnichannel.Bench.Seeding;

/// <summary>
/// A few thousand Brazilian Portuguese word forms from a few hundred customer-service lemmas
/// (inflected by simple regular rules), ranked for a Zipf distribution: function words first,
/// then the support domain, then products and rarer words. Free-form text samples from it, so the
/// search index sees a realistic long tail (most lexemes rare, a few in a large share of messages).
/// </summary>
public sealed class Vocabulary
{
    private const string FunctionWords =
        """
        de que não o a e do da em um para é com uma os no se na por mais as dos como mas foi ao ele das tem à seu sua ou ser
        quando muito já está eu também só pelo pela até isso ela entre era depois sem mesmo aos ter seus quem nas me esse
        eles estão você tinha foram essa num nem suas meu às minha têm numa pelos elas havia seja qual será nós tenho lhe
        deles essas esses pelas este fosse dele tu te vocês vos lhes meus minhas teu tua teus tuas nosso nossa nossos nossas
        dela delas esta estes estas aquele aquela aqueles aquelas isto aquilo estou estava estamos sou somos são vou vai vão
        pode posso podem quero queria preciso gostaria sim hoje ontem amanhã agora ainda sempre nunca aqui ali lá bem mal
        tudo nada algum alguma nenhum nenhuma outro outra outros outras cada todo toda todos todas pois então assim porque
        onde quanto quanta quantos quantas tá tô né aí pra pro oi olá obrigado obrigada favor desculpa desculpe bom boa dia
        tarde noite ok certo beleza blz vcs vc pq tb msm
        """;

    /// <summary>Nouns of the support domain (plural added by rule).</summary>
    private const string Nouns =
        """
        pedido produto entrega compra pagamento boleto cartão crédito débito reembolso estorno troca devolução cancelamento
        prazo frete endereço número código rastreio rastreamento transportadora nota cupom desconto promoção preço valor parcela
        juro fatura cobrança conta cadastro senha aplicativo site loja estoque tamanho cor modelo garantia defeito problema
        reclamação protocolo atendimento atendente suporte setor vendedor cliente consumidor caixa embalagem etiqueta encomenda
        pacote volume unidade item carrinho vale presente assinatura plano mensalidade renovação contrato multa taxa saldo
        extrato comprovante recibo documento telefone celular mensagem resposta retorno solicitação status situação andamento
        informação dúvida ajuda orientação procedimento política regra condição opção forma método semana mês ano hora minuto
        data horário ação atenção confirmação autorização aprovação análise verificação alteração atualização instalação
        montagem retirada coleta agência filial unidade central gerente supervisor responsável motorista entregador porteiro
        vizinho portaria apartamento casa rua avenida bairro cidade estado cep complemento referência destinatário remetente
        nome sobrenome email login acesso erro falha bug tela botão página link arquivo foto imagem vídeo print áudio anexo
        chamado ticket caso registro histórico lista fila espera previsão expectativa estimativa semana feriado fim manhã
        lojista marketplace parceiro fornecedor fabricante importação alfândega tributo imposto nota recebimento faturamento
        pix transferência depósito banco agência operadora bandeira limite bloqueio desbloqueio chargeback contestação fraude
        segurança verificação token notificação aviso alerta lembrete email newsletter oferta campanha cashback ponto
        programa fidelidade benefício brinde amostra kit combo pacote lançamento novidade coleção linha versão edição série
        peça parte componente acessório manual instrução voltagem bateria carga tomada cabo capa caixa lacre selo
        avaria quebra risco mancha furo rasgo amassado vazamento cheiro barulho aquecimento travamento reinício
        """;

    /// <summary>Regular verbs, conjugated by rule (-ar, -er, -ir).</summary>
    private const string RegularVerbs =
        """
        chegar comprar pagar trocar cancelar enviar entregar rastrear verificar confirmar aguardar esperar informar solicitar
        precisar gostar ajudar atualizar alterar mudar cadastrar acessar tentar funcionar quebrar faltar demorar atrasar cobrar
        estornar reembolsar parcelar finalizar acompanhar retornar ligar mandar falar conversar perguntar explicar encaminhar
        analisar aprovar recusar liberar bloquear desbloquear gerar baixar instalar fechar usar testar procurar encontrar achar
        olhar retirar buscar agendar marcar desmarcar passar ficar deixar levar chamar avisar lembrar comunicar registrar
        reclamar anotar transferir consultar validar autorizar notificar responder receber devolver resolver escolher entender
        esquecer vender atender perder aparecer acontecer conhecer oferecer agradecer merecer parecer abrir decidir insistir
        desistir assistir admitir cumprir garantir incluir excluir substituir reduzir dividir permitir preferir sugerir
        repetir corrigir exigir imprimir emitir reativar suspender reembolsar ressarcir indenizar prometer
        """;

    /// <summary>Adjectives and participles used as adjectives (gender/number by rule).</summary>
    private const string Adjectives =
        """
        atrasado errado quebrado danificado novo usado pequeno grande médio certo correto completo incompleto disponível
        indisponível urgente rápido lento caro barato ótimo bom ruim péssimo excelente satisfeito insatisfeito possível
        impossível aberto fechado pendente pago cancelado aprovado recusado válido inválido expirado vencido último próximo
        primeiro segundo terceiro antigo diferente igual parecido original falso verdadeiro simples difícil fácil claro escuro
        branco preto azul vermelho verde amarelo rosa cinza bege marrom roxo dourado prateado leve pesado curto longo largo
        apertado folgado macio duro frágil resistente bonito feio lindo perfeito horrível absurdo normal estranho esquisito
        responsável educado atencioso prestativo demorado eficiente ágil complicado confuso seguro inseguro garantido
        preocupado chateado irritado decepcionado feliz contente grato tranquilo nervoso ansioso cansado
        """;

    private const string IrregularForms =
        """
        fez fiz faz faço feito fazendo fazer disse diz dizer dito vejo vê viu vi visto vendo ver vem vim veio vindo vir dá dou
        deu dei dado dar sei sabe soube saber trago traz trouxe trouxeram trazer pus pôs põe colocar coloquei colocou esteve
        estive estavam esteja estar ser sendo sido fui foram era eram tive teve tiveram tenha ter ir indo ido vamos vá pude
        pôde podia poderia poder quis quer querer consegui conseguiu consegue conseguimos conseguir segui seguiu seguir pedi
        pediu pede peço pedir ouvi ouviu ouvir sai saiu sair caiu cair li leu ler
        """;

    /// <summary>Products, the long tail: many appear in few conversations.</summary>
    private const string Products =
        """
        camiseta camisa calça bermuda vestido saia blusa jaqueta casaco moletom meia cueca sutiã pijama biquíni tênis sapato
        sandália chinelo bota bolsa mochila carteira cinto boné óculos relógio pulseira colar brinco anel celular fone
        carregador cabo capinha película notebook tablet teclado mouse monitor impressora cartucho roteador câmera caixinha
        geladeira fogão liquidificador batedeira cafeteira torradeira ventilador aquecedor televisão controle sofá colchão
        travesseiro lençol edredom toalha cortina tapete panela frigideira talher prato copo garrafa pote cadeira mesa
        escrivaninha estante armário guarda-roupa luminária lâmpada ferro secador escova perfume hidratante shampoo
        condicionador protetor maquiagem batom esmalte bicicleta patinete capacete bola raquete halter esteira tenda
        barraca mala brinquedo boneca carrinho quebra-cabeça livro caderno caneta mochila ração coleira aquário
        furadeira parafusadeira martelo chave serra escada mangueira churrasqueira cooktop coifa lava-louças micro-ondas
        purificador umidificador aspirador robô smartwatch drone console videogame headset webcam microfone pendrive
        """;

    private const string Rare =
        """
        desembaraço alfandegário sinistro recall procon consumidor.gov reclameaqui jurídico advogado liminar intimação
        notificação extrajudicial ouvidoria arbitragem perícia laudo assistência técnica autorizada recondicionado
        vitrine mostruário outlet ponta estoque saldão queima pré-venda encomendado sob demanda personalizado gravação
        bordado monograma sublimação serigrafia importado nacional artesanal sustentável reciclado biodegradável vegano
        hipoalergênico dermatologicamente testado inmetro anatel anvisa homologado certificado lacrado
        """;

    private readonly string[] _words;
    private readonly double[] _cumulative;

    public Vocabulary(double exponent = 1.0)
    {
        var ranked = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string word)
        {
            if (word.Length > 0 && seen.Add(word))
            {
                ranked.Add(word);
            }
        }

        foreach (var word in Split(FunctionWords))
        {
            Add(word);
        }

        // Interleave the domain lists so that no single part of speech owns the middle ranks.
        var nouns = Split(Nouns).SelectMany(n => new[] { n, Plural(n) }).ToList();
        var verbs = Split(RegularVerbs).SelectMany(Conjugate).Concat(Split(IrregularForms)).ToList();
        var adjectives = Split(Adjectives).SelectMany(Inflect).ToList();
        for (var i = 0; i < Math.Max(nouns.Count, Math.Max(verbs.Count, adjectives.Count)); i++)
        {
            if (i < nouns.Count)
            {
                Add(nouns[i]);
            }

            if (i < verbs.Count)
            {
                Add(verbs[i]);
            }

            if (i < adjectives.Count)
            {
                Add(adjectives[i]);
            }
        }

        foreach (var word in Split(Products).SelectMany(p => new[] { p, Plural(p) }).Concat(Split(Rare)))
        {
            Add(word);
        }

        _words = [.. ranked];
        _cumulative = new double[_words.Length];
        var sum = 0.0;
        for (var rank = 0; rank < _words.Length; rank++)
        {
            sum += 1 / Math.Pow(rank + 1, exponent);
            _cumulative[rank] = sum;
        }
    }

    public int Count => _words.Length;

    public IReadOnlyList<string> ProductNames { get; } = Split(Products);

    /// <summary>A word drawn with probability ∝ 1 / rank^exponent.</summary>
    public string Sample(Random random)
    {
        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        return _words[index >= 0 ? index : Math.Min(~index, _words.Length - 1)];
    }

    private static string[] Split(string text) => text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);

    public static string Plural(string noun) => noun switch
    {
        _ when noun.Contains('-', StringComparison.Ordinal) => noun,
        _ when noun.EndsWith("ão", StringComparison.Ordinal) => noun[..^2] + "ões",
        _ when noun.EndsWith("al", StringComparison.Ordinal) || noun.EndsWith("ol", StringComparison.Ordinal) || noun.EndsWith("ul", StringComparison.Ordinal) => noun[..^1] + "is",
        _ when noun.EndsWith("el", StringComparison.Ordinal) => noun[..^2] + "éis",
        _ when noun.EndsWith('m') => noun[..^1] + "ns",
        _ when noun.EndsWith('r') || noun.EndsWith('z') || noun.EndsWith('s') => noun + "es",
        _ => noun + "s",
    };

    private static IEnumerable<string> Inflect(string adjective)
    {
        if (adjective.EndsWith('o'))
        {
            var stem = adjective[..^1];
            return [adjective, stem + "a", stem + "os", stem + "as"];
        }

        return [adjective, Plural(adjective)];
    }

    private static IEnumerable<string> Conjugate(string verb)
    {
        var stem = verb[..^2];
        return verb[^2..] switch
        {
            "ar" => [verb, stem + "o", stem + "a", stem + "am", stem + "amos", PastFirstPerson(stem), stem + "ou", stem + "aram", stem + "ado", stem + "ada", stem + "ando"],
            "er" => [verb, stem + "o", stem + "e", stem + "em", stem + "emos", stem + "i", stem + "eu", stem + "eram", stem + "ido", stem + "ida", stem + "endo"],
            _ => [verb, stem + "o", stem + "e", stem + "em", stem + "imos", stem + "i", stem + "iu", stem + "iram", stem + "ido", stem + "ida", stem + "indo"],
        };
    }

    /// <summary>"verifiquei", "paguei", "comecei": the spelling keeps the consonant's sound before e.</summary>
    private static string PastFirstPerson(string stem) => stem[^1] switch
    {
        'c' => stem[..^1] + "quei",
        'g' => stem + "uei",
        'ç' => stem[..^1] + "cei",
        _ => stem + "ei",
    };
}
