"""Corrections to the question bank and content for databases loaded before them.

``load_question_bank`` loads fixtures/ only into an empty database, so a database loaded earlier
keeps the old text. Each correction below is applied only where the row still holds exactly what
was loaded, so nothing an admin has changed since is overwritten. The new rows (follow-up
questions for "Partly" and one expert contact) are added only where the rows they belong to are
there and their place is free. On a new, empty database this changes nothing: the fixtures
already hold the corrections.
"""

from django.db import migrations

# (model, primary key, field, as loaded before, corrected)
CHANGES = [('council', 1, 'population_source', '', 'ons-census-2011'),
 ('council', 2, 'population_source', '', 'ons-census-2011'),
 ('council', 3, 'population_source', '', 'ons-census-2011'),
 ('council', 4, 'population_source', '', 'ons-census-2011'),
 ('council', 5, 'population_source', '', 'ons-census-2011'),
 ('council', 6, 'population', 121108, 120988),
 ('council', 6, 'population_source', '', 'ons-census-2011'),
 ('council', 7, 'population_source', '', 'ons-census-2011'),
 ('council', 8, 'population_source', '', 'ons-census-2011'),
 ('question',
  1003,
  'hint',
  'Would another council want what you have: a service that performs well, at a cost that compares well? If '
  "not, you may be looking to join a partner's service rather than lead one.",
  'Would another council want what you have: a service that performs well, at a cost that compares well? '
  "This is a gate question: a 'No' caps the verdict at 'Not ready yet', and the summary shows what to work "
  "on first, starting with the service's costs and performance."),
 ('question',
  1015,
  'hint',
  'For example with statistically similar councils, neighbours, or all councils. The 2010 guide pointed to '
  "the Audit Commission's value for money profiles, CIPFA's support services data, the corporate services "
  'value for money indicators and benchmarking clubs; check which sources are current.',
  'For example with statistically similar councils, neighbours, or all councils. The LGA guide (2011) '
  "pointed to the Audit Commission's value for money profiles, CIPFA's support services data, the corporate "
  'services value for money indicators and benchmarking clubs; check which sources are current.'),
 ('question',
  1021,
  'hint',
  'One of the four key design questions in the IES case studies. Outsourcing can give faster access to new '
  'technology; in-house keeps control and local jobs.',
  'One of the four key design questions in the IES case studies: the choice turns on which provider can give '
  'the service you need, and at what cost. Outsourcing can give faster access to new technology, such as '
  'self-service, and faster savings.'),
 ('question',
  1022,
  'hint',
  'Signpost only: the 2010 guide lists powers councils used to share, such as sections 101, 102 and 113 of '
  'the Local Government Act 1972 and section 75 of the NHS Act 2006. The law may have changed since; your '
  'legal advisers can give the current position.',
  'Signpost only: the LGA guide (2011) lists powers councils used to share, such as sections 101, 102 and '
  '113 of the Local Government Act 1972 and section 75 of the NHS Act 2006. The law may have changed since; '
  'your legal advisers can give the current position.'),
 ('question', 1032, 'position', 3, 4),
 ('question', 1033, 'position', 4, 5),
 ('question', 1034, 'position', 5, 6),
 ('question',
  1034,
  'hint',
  'Answering yes is common and not a reason to stop, but the concerns need to be understood and answered.',
  'Not scored: concerns like these are common and not a reason to stop, but they need to be understood and '
  'answered. The next question asks how.'),
 ('question', 1034, 'weight', 1, 0),
 ('option', 10107, 'score', 50, 0),
 ('option', 10108, 'score', 100, 0),
 ('question', 1035, 'position', 6, 7),
 ('question',
  1042,
  'hint',
  'The more staff help to design the new service, the more they will own it.',
  "Merton's first 'don't proceed without' lesson: the more staff help to design their new service, the "
  'better.'),
 ('question', 1042, 'source', '004_69d23a5f6650a130.txt', '000_89f19df402329646.txt'),
 ('question',
  1055,
  'hint',
  'Think of outsourcing, supplier, IT and property contracts. Answering yes is not a bar, but it sets the '
  'timetable.',
  "Not scored: think of outsourcing, supplier, IT and property contracts. A 'Yes' is not a bar, but it sets "
  'the timetable; the next questions ask when the contract ends and what leaving early would cost.'),
 ('question', 1055, 'weight', 2, 0),
 ('option', 10180, 'score', 100, 0),
 ('section',
  203,
  'guidance',
  "Merton advises being clear early about joint budgets, income and overheads. Give your own council's "
  'figures for the services in scope and say how you think costs and savings should be shared. The sources '
  "show councils splitting them by population, in equal shares, by each partner's share of the baseline "
  'spend, or by agreed percentages.',
  "Merton advises being clear early about joint budgets, income and overheads. Give your own council's "
  'figures for the services in scope and say how you think costs and savings should be shared. In the '
  'sources, East Lindsey and South Holland split theirs by population, and Bromsgrove and Redditch shared '
  "redundancy costs equally; splitting by each partner's share of the baseline spend, or by agreed "
  'percentages, is also common practice.'),
 ('question',
  2014,
  'hint',
  'This is compared, not scored: partners need to agree one method before the business case.',
  "Compared, not scored: partners need to agree one method before the business case. The LGA guide's "
  'examples split by population (East Lindsey and South Holland) and in equal shares (Bromsgrove and '
  "Redditch's redundancy costs); the other two methods are common practice, though the sources give no "
  'example.'),
 ('section',
  204,
  'guidance',
  'Agree early how the shared service will buy its technology and kit, and whose procurement rules apply. '
  'Existing contracts can hold a council back until they end, as the South London Waste Partnership found. '
  'Procurement rules named in the sources date from 2010 and are signposts only: ask your procurement and '
  'legal teams for current advice.',
  'Agree early how the shared service will buy its technology and kit, and whose procurement rules apply. '
  'Existing contracts can hold a council back until they end, as the South London Waste Partnership found. '
  'What the sources say about procurement rules dates from 2011 or earlier and is a signpost only: ask your '
  'procurement and legal teams for current advice.'),
 ('question',
  2018,
  'hint',
  "Think of outsourced services, IT and equipment contracts, and leases. A 'Yes' here is a timing risk, not "
  'a reason to stop.',
  "Compared, not scored. Think of outsourced services, IT and equipment contracts, and leases. A 'Yes' here "
  'is a timing risk, not a reason to stop: partners compare contract end dates to plan when each can join.'),
 ('question', 2018, 'weight', 2, 0),
 ('option', 20055, 'score', 100, 0),
 ('question',
  2021,
  'hint',
  'Include any limits, such as keeping a local presence, in the comment.',
  'Compared, not scored: many shared services work across sites, so this matters only where the partners '
  'want the team in one place. Include any limits, such as keeping a local presence, in the comment.'),
 ('question', 2021, 'weight', 1, 0),
 ('option', 20059, 'score', 100, 0),
 ('option', 20060, 'score', 50, 0),
 ('question', 2025, 'position', 3, 4),
 ('question', 2026, 'position', 4, 5),
 ('question',
  2035,
  'hint',
  'Compared, not scored. The LGA guide (2010) describes staff transfers under TUPE and placing officers with '
  'another council under section 113 of the Local Government Act 1972; check current law with your HR and '
  'legal teams.',
  'Compared, not scored. The LGA guide (2011) describes staff transfers under TUPE and placing officers with '
  'another council under section 113 of the Local Government Act 1972; check current law with your HR and '
  'legal teams.'),
 ('question', 2040, 'position', 4, 5),
 ('section',
  210,
  'guidance',
  "Sutton found that 'shared service' means different things to different people, so it maps its "
  'arrangements on a Resource vs Speed pyramid and agrees terms with partners early. Say what kind of '
  'collaboration and delivery model your council has in mind, and whether it wants a big bang or organic '
  'change. Legal models named here come from the LGA guide (2010) and are signposts, not current legal '
  'advice.',
  "Partners should agree early what they each mean by 'shared service': Sutton maps its arrangements on a "
  'Resource vs Speed pyramid. Say what kind of collaboration and delivery model your council has in mind, '
  'and whether it wants a big bang or organic change. The kinds of collaboration follow the West Midlands '
  "slides and the LGA guide's examples; the delivery models and the choice between big bang and organic "
  'change come from the LGA guide (2011), and its legal models are signposts, not current legal advice.'),
 ('section', 210, 'source', '001_7a5597624470dbfa.txt', '002_3629ed7e1db573a4.txt'),
 ('question', 2042, 'source', '001_7a5597624470dbfa.txt', '003_ad2021519356bd22.txt'),
 ('question',
  2043,
  'hint',
  'Compared, not scored. The LGA guide (2010) links these models to sections 101, 102 and 113 of the Local '
  'Government Act 1972 and, for companies, the Teckal exemption; take legal advice.',
  'Compared, not scored. The LGA guide (2011) links these models to sections 101, 102 and 113 of the Local '
  'Government Act 1972 and, for companies, the Teckal exemption; take legal advice.'),
 ('questionnaire',
  3,
  'introduction',
  'The partners fill in this business-case outline together, one page at a time, and can save and come back '
  'later. The pages follow the order of the HM Treasury Five Case Model: strategic, economic, commercial, '
  "financial and management. The business case is not ready for sign-off until the five 'don't proceed "
  "without' items of the Merton toolkit are in place.",
  'The partners fill in this business-case outline together, one page at a time, and can save and come back '
  "later. It follows HM Treasury's Five Case Model for business cases: the pages run in the model's order, "
  'strategic, economic, commercial, financial and management, and each page says which case it feeds. The '
  "business case is not ready for sign-off until the five 'don't proceed without' items of the Merton "
  'toolkit are in place.'),
 ('section',
  303,
  'guidance',
  'Show that sharing is the best way to meet the objectives, compared with the alternatives, and set out the '
  'benefits that are not measured in money, such as resilience and service quality. Understand and quantify '
  'the benefits, and plan how they will be realised. This page feeds the economic case.',
  'This page is the economic case of the Five Case Model. Show that sharing is the best way to meet the '
  'objectives by comparing it with the other options, including carrying on as now, and set out the '
  'benefits, including those not measured in money, such as resilience and service quality, with a plan to '
  'realise them.'),
 ('section', 303, 'source', '002_3629ed7e1db573a4.txt', 'hmt-five-case-model-2026'),
 ('question',
  3008,
  'hint',
  'Options include stopping the service, re-engineering it in-house, outsourcing it and sharing it. The '
  'appraisal can weigh non-financial outcomes, such as keeping jobs local, as well as cost.',
  "The Five Case Model's economic case compares a shortlist of options that always includes carrying on as "
  'now (business as usual) and a do-minimum option. For a shared service the options usually also include '
  "the LGA guide's alternatives: stopping the service, re-engineering it in-house and outsourcing it. Weigh "
  'non-financial outcomes, such as keeping jobs local, as well as cost.'),
 ('question', 3008, 'source', '002_3629ed7e1db573a4.txt', 'hmt-five-case-model-2026'),
 ('section',
  304,
  'guidance',
  'Choose how the shared service will be run, who will employ the staff and on what legal basis. The models '
  'below are the ones the LGA guide (March 2011) describes; they are signposts to discuss with your legal '
  'advisers, not legal advice, and the law may have changed since. This page feeds the commercial case.',
  'Choose how the shared service will be run, who will employ the staff and on what legal basis. The models '
  'below are the ones the LGA guide (2011) describes; they are signposts to discuss with your legal '
  'advisers, not legal advice, and the law may have changed since. This page feeds the commercial case.'),
 ('question',
  3012,
  'hint',
  "The legal bases named here are those cited in the Local Government Group guide 'Shared services and "
  "management: a guide for councils' (March 2011). This is a signpost, not legal advice: the law may have "
  'changed since, so ask your legal advisers.',
  "The legal bases named here are those cited in the Local Government Group guide 'Shared services and "
  "management: a guide for councils' (2011). This is a signpost, not legal advice: the law may have changed "
  'since, so ask your legal advisers.'),
 ('question',
  3013,
  'hint',
  'The LGA guide (March 2011) describes the Teckal exemption as narrowly construed: the councils need the '
  'same control over the company as over their own departments, the company must mainly serve them, and it '
  'cannot apply where there is private capital. It notes a Supreme Court ruling of February 2011 on joint '
  'control. This is a signpost, not legal advice: the law may have changed since, so ask your legal '
  'advisers.',
  'The LGA guide (2011) describes the Teckal exemption as narrowly construed: the councils need the same '
  'control over the company as over their own departments, the company must mainly serve them, and it cannot '
  'apply where there is private capital. It notes a Supreme Court ruling of February 2011 on joint control. '
  'This is a signpost, not legal advice: the law may have changed since, so ask your legal advisers.'),
 ('question',
  3014,
  'hint',
  "The LGA guide (March 2011) points councils to 'Joint Ventures: a guidance note for public sector bodies "
  "forming joint ventures with the private sector' (HM Treasury, 2010). This is a signpost, not legal "
  'advice: the law may have changed since, so ask your legal advisers.',
  "The LGA guide (2011) points councils to 'Joint Ventures: a guidance note for public sector bodies forming "
  "joint ventures with the private sector' (HM Treasury, 2010). This is a signpost, not legal advice: the "
  'law may have changed since, so ask your legal advisers.'),
 ('section',
  305,
  'guidance',
  "Set the savings you expect against today's costs and the cost of setting up, and agree how costs and "
  'savings will be shared between the partners. Give figures for the combined partnership and explain each '
  "partner's share; base them on data the partners have shared on a like-for-like basis. This page feeds the "
  'financial case.',
  'This page is the financial case of the Five Case Model: show that the shared service is affordable and '
  "how it will be funded. Set the savings you expect against today's costs (the baseline) and the one-off "
  'cost of setting up, say what each partner will contribute, and agree how costs and savings will be '
  "shared. Give figures for the combined partnership and for each partner's share, based on data the "
  'partners have shared on a like-for-like basis.'),
 ('section', 305, 'source', '002_3629ed7e1db573a4.txt', 'hmt-five-case-model-2026'),
 ('question',
  3023,
  'hint',
  'For example from co-locating teams and giving up buildings.',
  'For example from co-locating teams and giving up buildings: the IES case studies count premises among the '
  'overheads that sharing can cut.'),
 ('question', 3023, 'source', '002_3629ed7e1db573a4.txt', '004_69d23a5f6650a130.txt'),
 ('question',
  3028,
  'hint',
  'East Lindsey and South Holland used population (63% and 37%); Bromsgrove and Redditch shared redundancy '
  'costs equally.',
  'East Lindsey and South Holland used population (63% and 37%); Bromsgrove and Redditch shared redundancy '
  "costs equally. Splitting by each partner's share of the baseline spend, or by agreed percentages, is also "
  'common practice, though the sources give no example.'),
 ('question',
  3029,
  'hint',
  'Say whether the same percentages apply to set-up costs, running costs and savings.',
  'Say whether the same percentages apply to set-up costs, running costs and savings. East Lindsey and South '
  'Holland, for example, used the same population shares (63 and 37 per cent) for their transition fund and '
  'for their savings.'),
 ('question', 3029, 'source', '004_69d23a5f6650a130.txt', '002_3629ed7e1db573a4.txt'),
 ('question',
  3056,
  'text',
  'Has the business case, setting out the benefits expected, been signed off by every partner before '
  'delivery begins?',
  'Is the business case, setting out the benefits expected, ready for every partner to sign off before '
  'delivery begins?'),
 ('question',
  3056,
  'hint',
  "Sign-off is by each partner's decision makers. A Gateway lesson (OGC, 2008, quoted in the LGA guide) "
  "adds: keep the business case under regular review once delivery starts. One of the five 'don't proceed "
  "without' items of the Merton toolkit: the business case is not ready for sign-off until the answer is "
  'yes.',
  "Ready means each partner's decision makers have what they need to sign it off: the benefits expected, and "
  'the costs, risks and shares that go with them. The sign-off itself comes once this outline is complete, '
  'and must come before delivery begins. A Gateway lesson (OGC, 2008, quoted in the LGA guide) adds: keep '
  "the business case under regular review once delivery starts. One of the five 'don't proceed without' "
  'items of the Merton toolkit.'),
 ('reading',
  4,
  'description',
  'Covers making collaborative services happen, from a vision for change and options appraisal to '
  'implementation and new delivery systems; section 4 compares models of sharing. Recommended in the Merton '
  'toolkit and cited throughout the LGA guide.',
  'Covers making collaborative services happen, from a vision for change and options appraisal to '
  'implementation and new delivery systems; section 4 compares models of sharing. Cited throughout the LGA '
  'guide, and recommended in the Merton toolkit.'),
 ('reading', 4, 'source', '000_89f19df402329646.txt', '002_3629ed7e1db573a4.txt'),
 ('reading',
  19,
  'url',
  '',
  'http://www.localpartnerships.org.uk/UserFiles/File/4934%204ps%20Shaping%20Sol%20pr6%20.pdf'),
 ('reading',
  21,
  'url',
  '',
  'http://www.communities.gov.uk/publications/localgovernment/developinggovernmentservicesmark'),
 ('reading',
  23,
  'description',
  'Guidance on setting up HR shared services in councils (written with IES).',
  'Guidance on setting up HR shared services in councils.'),
 ('reading',
  28,
  'url',
  '',
  'http://www.ogc.gov.uk/documents/OGC_Programme_and_Projects_lessons_learnt_bulletin_-_Issue_1_October_2008.pdf'),
 ('reading',
  31,
  'url',
  '',
  'http://www.eastmidlandsiep.gov.uk/documents/news_info/Strategic%20Review%20of%20the%20Welland%20Partnership%20v1.248.pdf'),
 ('reading',
  38,
  'url',
  '',
  'http://www.southeastiep.gov.uk/uploads/files/PartnershipSupportOppReportESSUSharedServicesinBritain.pdf'),
 ('expertcontact', 16, 'email', '', 'k.dicks@bromsgrove.gov.uk'),
 ('expertcontact', 16, 'contact_published', None, 2011),
 ('expertcontact', 17, 'email', '', 'chiefexecutive@sholland.gov.uk'),
 ('expertcontact', 17, 'contact_published', None, 2011),
 ('expertcontact', 18, 'email', '', 'richard.samuel@thanet.gov.uk'),
 ('expertcontact', 18, 'contact_published', None, 2011),
 ('expertcontact', 19, 'email', '', 'John.Taylor@huntsdc.gov.uk'),
 ('expertcontact', 19, 'contact_published', None, 2011),
 ('expertcontact', 20, 'email', '', 'Chris.Hall@huntsdc.gov.uk'),
 ('expertcontact', 20, 'contact_published', None, 2011),
 ('expertcontact', 21, 'email', '', 'jason.whaler@nelincs.gov.uk'),
 ('expertcontact', 21, 'contact_published', None, 2011),
 ('expertcontact', 22, 'email', '', 'Cllr.Steveswift@northlincs.gov.uk'),
 ('expertcontact', 22, 'contact_published', None, 2011),
 ('expertcontact', 23, 'email', '', 'andrew.defreitas@nelincs.gov.uk'),
 ('expertcontact', 23, 'contact_published', None, 2011),
 ('expertcontact', 24, 'email', '', 'Ihalton@westdevon.gov.uk'),
 ('expertcontact', 24, 'contact_published', None, 2011),
 ('expertcontact', 25, 'email', '', 'peter.o-connell@sutton.gov.uk'),
 ('expertcontact', 25, 'contact_published', None, 2011),
 ('expertcontact', 26, 'email', '', 'colin.hall@sutton.gov.uk'),
 ('expertcontact', 26, 'contact_published', None, 2011),
 ('expertcontact', 27, 'email', '', 'steve.bishop@southandvale.gov.uk'),
 ('expertcontact', 27, 'contact_published', None, 2011),
 ('expertcontact',
  28,
  'organisation',
  'West Dorset District Council and Weymouth and Portland Borough Council',
  'Weymouth and Portland Borough Council'),
 ('expertcontact', 28, 'email', '', 'jasonvaughan@weymouth.gov.uk'),
 ('expertcontact', 28, 'contact_published', None, 2011),
 ('expertcontact', 29, 'email', '', 'cllra.alford@westdorset-dc.gov.uk'),
 ('expertcontact', 29, 'contact_published', None, 2011),
 ('expertcontact', 30, 'email', '', 'howardlegg94@hotmail.co.uk'),
 ('expertcontact', 30, 'contact_published', None, 2011),
 ('casestudy',
  12,
  'summary',
  'Cambridgeshire needed to upgrade an ageing Oracle system and Northamptonshire had no integrated ERP '
  'system, so they implemented one shared system designed so that up to eight other organisations could '
  'join. Separate company models were considered but judged legally risky at the time. Slough has agreed in '
  'principle to join. (The LGA guide reports £9 million of savings from this initiative so far and plans to '
  'cut service costs by 26 per cent within five years.)',
  'Cambridgeshire needed to upgrade an ageing Oracle system and Northamptonshire had no integrated ERP '
  'system, so they implemented one shared system designed so that up to eight other organisations could '
  'join. Separate company models were considered but judged legally risky at the time. Slough has agreed in '
  'principle to join.')]

# Rows added by the corrections, as in the fixtures.
NEW = [{'model': 'toolkit.question',
  'pk': 1062,
  'fields': {'section': 106,
             'questionnaire': 1,
             'position': 3,
             'key': 'self-briefing-date-partly',
             'text': 'By when will the remaining portfolio members be briefed?',
             'hint': 'Set a date for briefing those not yet briefed, so that no one hears of the plans only '
                     'after decisions have been made.',
             'kind': 'date',
             'required': False,
             'theme': 10,
             'weight': 0,
             'is_gate': False,
             'show_when_question': 1030,
             'show_when_value': 'partly',
             'min_value': None,
             'max_value': None,
             'max_length': None,
             'source': '000_89f19df402329646.txt'}},
 {'model': 'toolkit.question',
  'pk': 1063,
  'fields': {'section': 106,
             'questionnaire': 1,
             'position': 8,
             'key': 'self-sovereignty-response-partly',
             'text': 'What concerns do some members have, and how might the design of the arrangement answer '
                     'them?',
             'hint': 'For example through governance that gives each council a fair say, clear reporting, or '
                     'scrutiny.',
             'kind': 'long_text',
             'required': False,
             'theme': 10,
             'weight': 0,
             'is_gate': False,
             'show_when_question': 1034,
             'show_when_value': 'partly',
             'min_value': None,
             'max_value': None,
             'max_length': 2000,
             'source': '002_3629ed7e1db573a4.txt'}},
 {'model': 'toolkit.question',
  'pk': 2046,
  'fields': {'section': 206,
             'questionnaire': 2,
             'position': 3,
             'key': 'joint-members-briefing-date-partly',
             'text': 'By when will the rest of your portfolio members be briefed?',
             'hint': "A planned date lets the partners line up their members' briefings.",
             'kind': 'date',
             'required': False,
             'theme': 10,
             'weight': 0,
             'is_gate': False,
             'show_when_question': 2023,
             'show_when_value': 'partly',
             'min_value': None,
             'max_value': None,
             'max_length': None,
             'source': '000_89f19df402329646.txt'}},
 {'model': 'toolkit.question',
  'pk': 2047,
  'fields': {'section': 209,
             'questionnaire': 2,
             'position': 4,
             'key': 'joint-systems-to-keep-partly',
             'text': 'Which of its systems would your council keep, and why?',
             'hint': 'For example a system on a long contract, or one shared with other bodies.',
             'kind': 'long_text',
             'required': False,
             'theme': 12,
             'weight': 0,
             'is_gate': False,
             'show_when_question': 2038,
             'show_when_value': 'partly',
             'min_value': None,
             'max_value': None,
             'max_length': 2000,
             'source': '002_3629ed7e1db573a4.txt'}},
 {'model': 'toolkit.expertcontact',
  'pk': 31,
  'fields': {'name': 'Jason Vaughan',
             'role': 'Director of Resources',
             'council': None,
             'organisation': 'West Dorset District Council',
             'area': 'Revenues and benefits partnership (Weymouth and Portland, West Dorset and Purbeck)',
             'source': '002_3629ed7e1db573a4.txt',
             'steps': ['joint', 'design'],
             'themes': [8, 11],
             'email': 'j.vaughan@westdorset-dc.gov.uk',
             'phone': '',
             'contact_published': 2011,
             'position': 31}}]


def correct(apps, schema_editor, forward=True):
    for model, pk, field, before, after in CHANGES:
        if not forward:
            before, after = after, before
        apps.get_model("toolkit", model).objects.filter(pk=pk, **{field: before}).update(**{field: after})
    if forward:
        add_new_rows(apps)


def add_new_rows(apps):
    Question = apps.get_model("toolkit", "Question")
    Section = apps.get_model("toolkit", "Section")
    ExpertContact = apps.get_model("toolkit", "ExpertContact")
    for row in NEW:
        fields = dict(row["fields"])
        if row["model"] == "toolkit.question":
            section = Section.objects.filter(pk=fields["section"], questionnaire_id=fields["questionnaire"]).first()
            free = not Question.objects.filter(pk=row["pk"]).exists() and not Question.objects.filter(
                questionnaire_id=fields["questionnaire"], key=fields["key"]
            ).exists()
            if section is None or not free or not Question.objects.filter(pk=fields["show_when_question"]).exists():
                continue
            Question.objects.create(
                pk=row["pk"],
                **{f"{name}_id" if name in {"section", "questionnaire", "theme", "show_when_question"} else name: value for name, value in fields.items()},
            )
        elif row["model"] == "toolkit.expertcontact":
            # Only where the content was loaded before (its earlier contacts are there).
            loaded = ExpertContact.objects.filter(pk__lt=row["pk"]).exists()
            taken = ExpertContact.objects.filter(pk=row["pk"]).exists() or ExpertContact.objects.filter(email=fields["email"]).exists()
            if not loaded or taken:
                continue
            steps, themes = fields.pop("steps"), fields.pop("themes")
            contact = ExpertContact.objects.create(pk=row["pk"], **fields)
            contact.steps.set(steps)
            contact.themes.set(themes)


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0002_core_for_three_steps")]

    operations = [
        migrations.RunPython(correct, lambda apps, schema_editor: correct(apps, schema_editor, forward=False)),
    ]
